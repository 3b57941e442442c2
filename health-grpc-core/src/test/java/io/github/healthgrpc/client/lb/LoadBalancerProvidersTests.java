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
import java.util.Map;

import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers as grpc-java finds and configures them (distributions over real servers:
 * {@code LoadBalancingPoliciesIntegrationTests}).
 *
 * @author health-grpc authors
 */
class LoadBalancerProvidersTests {

	@Test
	void grpcJavaFindsEveryPolicyByName() {
		LoadBalancerRegistry registry = LoadBalancerRegistry.getDefaultRegistry();
		assertThat(registry.getProvider("random")).isInstanceOf(RandomLoadBalancerProvider.class);
		assertThat(registry.getProvider("least_request")).isInstanceOf(LeastRequestLoadBalancerProvider.class);
		assertThat(registry.getProvider("weighted")).isInstanceOf(WeightedLoadBalancerProvider.class);
	}

	@Test
	void leastRequestComparesTwoUnlessConfigured() {
		LeastRequestLoadBalancerProvider provider = new LeastRequestLoadBalancerProvider();
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of()).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(2));
		// numbers in a parsed service config are doubles
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", 3.0)).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(3));
		for (Object bad : List.of(1.0, 11.0, 2.5, "3")) {
			ConfigOrError parsed = provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", bad));
			assertThat(parsed.getError()).as("%s", bad).isNotNull();
			assertThat(parsed.getError().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(parsed.getError().getDescription()).contains("choiceCount");
		}
	}

}
