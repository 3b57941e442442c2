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

package io.github.healthgrpc.health.grpc;

import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.StatusException;

import org.springframework.lang.Nullable;

/**
 * Shared, immutable Health responses (no allocation per call) and the NOT_FOUND status
 * for unknown services.
 *
 * @author health-grpc authors
 */
final class HealthResponses {

	/**
	 * Longest prefix of a requested service name that an error description repeats.
	 */
	static final int ECHOED_NAME_LENGTH = 64;

	static final HealthCheckResponse SERVING = response(HealthCheckResponse.ServingStatus.SERVING);

	static final HealthCheckResponse NOT_SERVING = response(HealthCheckResponse.ServingStatus.NOT_SERVING);

	static final HealthCheckResponse UNKNOWN = response(HealthCheckResponse.ServingStatus.UNKNOWN);

	static final HealthCheckResponse SERVICE_UNKNOWN = response(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);

	private HealthResponses() {
	}

	static HealthCheckResponse of(ServingStatus status) {
		return switch (status) {
			case SERVING -> SERVING;
			case NOT_SERVING -> NOT_SERVING;
			case UNKNOWN -> UNKNOWN;
		};
	}

	static HealthCheckResponse forWatch(@Nullable ServingStatus status) {
		return (status != null) ? of(status) : SERVICE_UNKNOWN;
	}

	/**
	 * Return NOT_FOUND for a service name that has no status. The description repeats at
	 * most {@value #ECHOED_NAME_LENGTH} characters of the name, so a huge name is never
	 * echoed back.
	 * @param service the requested name
	 * @return the status exception to close the call with
	 */
	static StatusException unknownService(String service) {
		String shown = (service.length() <= ECHOED_NAME_LENGTH) ? service
				: service.substring(0, echoedLength(service)) + "... (" + service.length() + " characters)";
		return Status.NOT_FOUND.withDescription("unknown service " + shown).asException();
	}

	private static int echoedLength(String service) {
		// never half a surrogate pair: it would reach the client as '?'
		return Character.isHighSurrogate(service.charAt(ECHOED_NAME_LENGTH - 1)) ? ECHOED_NAME_LENGTH - 1
				: ECHOED_NAME_LENGTH;
	}

	private static HealthCheckResponse response(HealthCheckResponse.ServingStatus status) {
		return HealthCheckResponse.newBuilder().setStatus(status).build();
	}

}
