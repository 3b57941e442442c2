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

package io.github.healthgrpc.interceptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what grpc-java logs (through {@code java.util.logging}) while a test runs:
 * grpc-java reports there what it could not hand to anybody, such as a listener it cannot
 * use. Reading JUL itself does not depend on where its console handler writes.
 *
 * @author health-grpc authors
 */
final class GrpcJavaLog implements AutoCloseable {

	private final Logger logger = Logger.getLogger("io.grpc");

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			GrpcJavaLog.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	GrpcJavaLog() {
		this.logger.addHandler(this.handler);
	}

	/**
	 * Return the messages (with their exceptions) logged at WARNING or above.
	 */
	List<String> problems() {
		return this.records.stream()
			.filter((record) -> record.getLevel().intValue() >= Level.WARNING.intValue())
			.map((record) -> record.getMessage() + ((record.getThrown() != null) ? " " + record.getThrown() : ""))
			.toList();
	}

	@Override
	public void close() {
		this.logger.removeHandler(this.handler);
	}

}
