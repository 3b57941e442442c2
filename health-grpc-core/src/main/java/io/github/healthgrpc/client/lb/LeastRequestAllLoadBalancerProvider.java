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

/**
 * The {@code least_request_all} policy: each call goes to the READY backend with the
 * fewest calls under way from this channel, among all of them; ties go to each of the
 * least loaded with the same chance. This is the seeds' "least connections", exactly: the
 * count is the same as {@code least_request}'s
 * ({@link LeastRequestLoadBalancerProvider}), which compares only two backends chosen at
 * random. Comparing all costs a look at every backend per call, and sends the calls of
 * many clients that start together to the same idle backend. Health checked when the
 * channel's service config has a {@code healthCheckConfig}.
 *
 * <p>
 * Select it with
 * {@code grpc.client.<name>.default-load-balancing-policy=least_request_all}. The policy
 * takes no configuration.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class LeastRequestAllLoadBalancerProvider extends HealthCheckedPolicyProvider {

	/**
	 * The policy's name.
	 */
	public static final String POLICY_NAME = "least_request_all";

	/**
	 * Create the provider, as grpc-java's registry does.
	 */
	public LeastRequestAllLoadBalancerProvider() {
		super(POLICY_NAME,
				(helper) -> new LeastRequestLoadBalancerProvider.LeastRequestLoadBalancer(helper, Integer.MAX_VALUE));
	}

}
