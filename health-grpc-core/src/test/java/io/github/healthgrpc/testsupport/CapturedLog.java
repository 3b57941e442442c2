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
package io.github.healthgrpc.testsupport;

/**
 * What the code under test logged during one test, one line per record (level as Commons
 * Logging names it, logger, message, then the stack trace of a throwable).
 *
 * @author health-grpc authors
 * @see LogCaptureExtension
 */
public interface CapturedLog {

	/**
	 * Return everything logged so far.
	 * @return the log lines
	 */
	String getOut();

}
