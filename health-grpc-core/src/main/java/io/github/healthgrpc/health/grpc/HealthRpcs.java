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

/**
 * Tells the RPCs of the health services health-grpc serves (see
 * {@link HealthGrpcService#SERVICE_NAMES}) from every other RPC, without allocating: it
 * runs once per call on the paths that exempt health probes from per-call
 * instrumentation.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class HealthRpcs {

	// an array: iterating the set would allocate an iterator on every RPC's tracer
	private static final String[] SERVICE_NAMES = HealthGrpcService.SERVICE_NAMES.toArray(String[]::new);

	private HealthRpcs() {
	}

	/**
	 * Whether a full method name ({@code service/method}) belongs to a health service.
	 * @param fullMethodName the full method name, as gRPC passes it to stream tracers
	 * @return whether it is a health RPC
	 */
	public static boolean isHealthMethod(String fullMethodName) {
		for (String service : SERVICE_NAMES) {
			if (fullMethodName.length() > service.length() && fullMethodName.charAt(service.length()) == '/'
					&& fullMethodName.startsWith(service)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a full service name is one of the health services.
	 * @param serviceName the full service name, or {@code null}
	 * @return whether it is a health service
	 */
	public static boolean isHealthService(String serviceName) {
		return serviceName != null && HealthGrpcService.SERVICE_NAMES.contains(serviceName);
	}

}
