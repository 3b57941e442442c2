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

import java.util.List;

/**
 * The {@code random} policy: each call goes to a READY backend chosen uniformly at
 * random. Without shared state between calls it spreads load as evenly as round_robin
 * over many calls, and keeps no counter that several clients could synchronize on. Health
 * checked when the channel's service config has a {@code healthCheckConfig}.
 *
 * <p>
 * Select it with {@code grpc.client.<name>.default-load-balancing-policy=random}.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class RandomLoadBalancerProvider extends HealthCheckedPolicyProvider {

	/**
	 * The policy's name.
	 */
	public static final String POLICY_NAME = "random";

	/**
	 * Create the provider, as grpc-java's registry does.
	 */
	public RandomLoadBalancerProvider() {
		super(POLICY_NAME, RandomLoadBalancer::new);
	}

	/**
	 * Picks among the READY children at random.
	 */
	static final class RandomLoadBalancer extends ReadyChildrenLoadBalancer {

		RandomLoadBalancer(Helper helper) {
			super(helper);
		}

		@Override
		protected SubchannelPicker readyPicker(List<ChildLbState> ready) {
			return Pickers.random(ready.stream().map(ChildLbState::getCurrentPicker).toList());
		}

	}

}
