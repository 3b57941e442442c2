/*
 * Copyright 2026 the health-grpc authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.healthgrpc.consul;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;

/**
 * Logs the first failure of a streak at WARN and its end at INFO: a Consul agent that is
 * down for an hour costs two log lines, not one per attempt.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class FailureLog {

	private final Log logger;

	private final AtomicBoolean failing = new AtomicBoolean();

	FailureLog(Log logger) {
		this.logger = logger;
	}

	void failed(String message) {
		if (this.failing.compareAndSet(false, true)) {
			this.logger.warn(message);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(message);
		}
	}

	void recovered(String message) {
		if (this.failing.compareAndSet(true, false)) {
			this.logger.info(message);
		}
	}

}
