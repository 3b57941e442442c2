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

import io.grpc.MethodDescriptor;

/**
 * Resolves the {@link DeadlinePolicy} of a method: its own entry, then its service's,
 * then, for unary methods only, the global one. Streaming methods (Health Watch among
 * them) get deadlines only from their own or their service's entry, so long-lived streams
 * are never cut by a global default.
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
		DeadlinePolicy policy = this.overrides.getOrDefault(method.getFullMethodName(), DeadlinePolicy.NONE);
		String service = method.getServiceName();
		if (service != null) {
			policy = policy.orElse(this.overrides.getOrDefault(service, DeadlinePolicy.NONE));
		}
		return (method.getType() == MethodDescriptor.MethodType.UNARY) ? policy.orElse(this.global) : policy;
	}

}
