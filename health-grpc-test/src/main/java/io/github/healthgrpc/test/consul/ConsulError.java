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

package io.github.healthgrpc.test.consul;

/**
 * An answer other than 200, with Consul's status code and plain-text reason.
 *
 * @author health-grpc authors
 */
final class ConsulError extends RuntimeException {

	private final int status;

	ConsulError(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	static ConsulError badRequest(String message) {
		return new ConsulError(400, message);
	}

	static ConsulError notFound(String message) {
		return new ConsulError(404, message);
	}

	int status() {
		return this.status;
	}

}
