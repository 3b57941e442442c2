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

/**
 * The Consul agent could not be asked, or answered something other than what the call
 * expects. The message is short and safe to log on one line.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ConsulAgentException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message what went wrong
	 */
	public ConsulAgentException(String message) {
		super(message, null, false, false);
	}

}
