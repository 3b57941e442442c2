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

package io.github.healthgrpc.health.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.healthgrpc.health.ServingStatus;

/**
 * Maps an Actuator health {@link Status} to a gRPC {@link ServingStatus}.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ServingStatusMapper {

	/**
	 * Map an Actuator status.
	 * @param status the aggregated Actuator status code
	 * @return the serving status to report
	 */
	ServingStatus map(String status);

	/**
	 * Return the default mapping: UP to SERVING; DOWN and OUT_OF_SERVICE to NOT_SERVING;
	 * UNKNOWN to UNKNOWN.
	 * @return the default status codes and their serving statuses
	 */
	static Map<String, ServingStatus> defaultMapping() {
		return ServingStatus.defaultMapping();
	}

	/**
	 * Return a mapper that looks status codes up in a table (ignoring case) and maps any
	 * other code to {@link ServingStatus#UNKNOWN}.
	 * @param mapping status code to serving status
	 * @return the mapper
	 */
	static ServingStatusMapper of(Map<String, ServingStatus> mapping) {
		Map<String, ServingStatus> byCode = new LinkedHashMap<>();
		mapping.forEach((code, status) -> byCode.put(code.toUpperCase(java.util.Locale.ROOT), status));
		return (status) -> byCode.getOrDefault(status.toUpperCase(java.util.Locale.ROOT), ServingStatus.UNKNOWN);
	}

}
