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

package io.github.healthgrpc.health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serving status of one gRPC service, as the {@code grpc.health.v1} protocol reports it.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public enum ServingStatus {

	/**
	 * Service is able to handle calls.
	 */
	SERVING,

	/**
	 * Service is known but must not receive calls.
	 */
	NOT_SERVING,

	/**
	 * Service is known but its health could not be determined.
	 */
	UNKNOWN;

	/**
	 * Return the default mapping of Spring Boot's health status codes: UP to SERVING;
	 * DOWN and OUT_OF_SERVICE to NOT_SERVING; UNKNOWN to UNKNOWN.
	 * @return status code to serving status, in that order (a new, modifiable map)
	 */
	public static Map<String, ServingStatus> defaultMapping() {
		Map<String, ServingStatus> mapping = new LinkedHashMap<>();
		mapping.put("UP", SERVING);
		mapping.put("DOWN", NOT_SERVING);
		mapping.put("OUT_OF_SERVICE", NOT_SERVING);
		mapping.put("UNKNOWN", UNKNOWN);
		return mapping;
	}

}
