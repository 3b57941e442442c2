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

package io.github.healthgrpc.client;

/**
 * Something that knows when a discovered service's healthy instances change, so that
 * clients can resolve it again at once instead of waiting for the registry's own signal.
 * health-grpc's Consul health watch is one.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public interface ServiceWatch {

	/**
	 * A watch that never calls back.
	 */
	ServiceWatch NONE = new ServiceWatch() {

		@Override
		public void watch(String service, Runnable onChange) {
		}

		@Override
		public void unwatch(String service) {
		}

	};

	/**
	 * Start watching a service; a service already watched keeps its first callback.
	 * @param service the service name
	 * @param onChange called, on some other thread, when its instances change; keep it
	 * short
	 */
	void watch(String service, Runnable onChange);

	/**
	 * Stop watching a service.
	 * @param service the service name
	 */
	void unwatch(String service);

}
