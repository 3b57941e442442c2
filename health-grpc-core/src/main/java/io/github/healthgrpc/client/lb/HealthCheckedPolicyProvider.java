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

package io.github.healthgrpc.client.lb;

import java.util.Map;
import java.util.function.Function;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.protobuf.services.HealthCheckingLoadBalancerUtil;

/**
 * What the project's providers share: a name, availability, and the health checking
 * wrapper that grpc-services puts around round_robin, so that a channel with a
 * {@code healthCheckConfig} sends calls only to SERVING backends under every policy.
 *
 * @author health-grpc authors
 */
abstract class HealthCheckedPolicyProvider extends LoadBalancerProvider {

	private final String policyName;

	private final LoadBalancer.Factory policy;

	HealthCheckedPolicyProvider(String policyName, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		this.policyName = policyName;
		this.policy = new LoadBalancer.Factory() {

			@Override
			public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
				return policy.apply(helper);
			}

		};
	}

	@Override
	public boolean isAvailable() {
		return Pickers.POLICIES_AVAILABLE;
	}

	/**
	 * Return grpc-java's default priority: a policy of the same name registered with a
	 * higher one wins.
	 */
	@Override
	public int getPriority() {
		return 5;
	}

	@Override
	public String getPolicyName() {
		return this.policyName;
	}

	@Override
	public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
		return HealthCheckingLoadBalancerUtil.newHealthCheckingLoadBalancer(this.policy, helper);
	}

	/**
	 * Accept any configuration: the policy takes none unless it says otherwise.
	 */
	@Override
	public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
		return ConfigOrError.fromConfig(this.policyName);
	}

}
