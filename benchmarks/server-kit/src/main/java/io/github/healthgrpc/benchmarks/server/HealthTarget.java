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

package io.github.healthgrpc.benchmarks.server;

import java.util.function.IntSupplier;

/**
 * A running health server under measurement.
 *
 * @author health-grpc authors
 */
public interface HealthTarget extends AutoCloseable {

	/**
	 * Return the port the server listens on (on 127.0.0.1).
	 * @return the bound port
	 */
	int port();

	/**
	 * Set a service's status through the target's own API, returning when the call
	 * returns (what a caller of that API waits for).
	 * @param service the service name
	 * @param serving SERVING or NOT_SERVING
	 */
	void setServing(String service, boolean serving);

	/**
	 * Stop the server.
	 */
	@Override
	void close();

	/**
	 * A target from its parts.
	 * @param port reads the bound port
	 * @param setter sets a status through the target's own API
	 * @param close stops the server
	 * @return the target
	 */
	static HealthTarget of(IntSupplier port, StatusSetter setter, Runnable close) {
		return new HealthTarget() {

			@Override
			public int port() {
				return port.getAsInt();
			}

			@Override
			public void setServing(String service, boolean serving) {
				setter.set(service, serving);
			}

			@Override
			public void close() {
				close.run();
			}

		};
	}

	/**
	 * Sets a service's status through one target's API.
	 */
	@FunctionalInterface
	interface StatusSetter {

		/**
		 * Set the status.
		 * @param service the service name
		 * @param serving SERVING or NOT_SERVING
		 */
		void set(String service, boolean serving);

	}

}
