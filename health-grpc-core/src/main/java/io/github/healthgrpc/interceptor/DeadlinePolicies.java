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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.grpc.MethodDescriptor;

/**
 * Resolves the {@link DeadlinePolicy} of a method. The most specific entry applies as a
 * whole: the method's own entry, else its service's entry, else, for unary methods only,
 * the global policy. Settings an entry leaves out are unset, not taken from a wider
 * entry.
 *
 * <p>
 * Streaming methods (Health Watch among them) get deadlines only from their own or their
 * service's entry, so long-lived streams are never cut by a global default. The Health
 * services' unary methods, Check and List (standard and legacy), get none from the global
 * policy either: they only read a map, and a probe that calls often should not pay for a
 * deadline timer per call.
 *
 * <p>
 * Thread-safe; results are cached per method.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class DeadlinePolicies {

	private final DeadlinePolicy global;

	private final Map<String, DeadlinePolicy> overrides;

	private final Map<String, DeadlinePolicy> resolved = new ConcurrentHashMap<>();

	/**
	 * Create the policies.
	 * @param global the policy of unary methods without an entry
	 * @param overrides by service name ({@code pkg.Service}) or full method name
	 * ({@code pkg.Service/Method})
	 */
	public DeadlinePolicies(DeadlinePolicy global, Map<String, DeadlinePolicy> overrides) {
		this.global = global;
		this.overrides = Map.copyOf(overrides);
	}

	/**
	 * Return the policy of a method.
	 * @param method the method
	 * @return its policy
	 */
	public DeadlinePolicy forMethod(MethodDescriptor<?, ?> method) {
		return this.resolved.computeIfAbsent(method.getFullMethodName(), (name) -> resolve(method));
	}

	private DeadlinePolicy resolve(MethodDescriptor<?, ?> method) {
		DeadlinePolicy own = this.overrides.get(method.getFullMethodName());
		if (own != null) {
			return own;
		}
		String service = method.getServiceName();
		DeadlinePolicy services = (service != null) ? this.overrides.get(service) : null;
		if (services != null) {
			return services;
		}
		boolean global = method.getType() == MethodDescriptor.MethodType.UNARY
				&& !HealthGrpcService.SERVICE_NAMES.contains(service);
		return global ? this.global : DeadlinePolicy.NONE;
	}

}
