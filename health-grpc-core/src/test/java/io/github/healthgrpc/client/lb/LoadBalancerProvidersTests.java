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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
		assertThat(registry.getProvider("least_request_all")).isInstanceOf(LeastRequestAllLoadBalancerProvider.class);
	}

	@Test
	void aNameTheRegistryHasPasses() {
		LoadBalancerRegistry registry = LoadBalancerRegistry.getDefaultRegistry();
		for (String name : List.of("pick_first", "round_robin", "random", "least_request", "least_request_all",
				"weighted")) {
			LoadBalancingPolicyNames.requireRegistered(registry, "some.property", name);
		}
		assertThat(LoadBalancingPolicyNames.registered(registry)).contains("pick_first", "round_robin", "random",
				"least_request", "least_request_all", "weighted");
		assertThat(LoadBalancingPolicyNames.registered(registry)).isSorted();
	}

	@Test
	void aNameTheRegistryDoesNotHaveFailsNamingThePropertyAndTheNamesThatExist() {
		LoadBalancerRegistry registry = LoadBalancerRegistry.getDefaultRegistry();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadBalancingPolicyNames.requireRegistered(registry,
					"grpc.client.backends.default-load-balancing-policy", "least-request"))
			.withMessageStartingWith("grpc.client.backends.default-load-balancing-policy is 'least-request', but")
			.withMessageContaining("use one of " + String.join(", ", LoadBalancingPolicyNames.registered(registry)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadBalancingPolicyNames.requireRegistered(registry, "p", "x".repeat(1_000)))
			.withMessageContaining("'" + "x".repeat(64) + "...'")
			.withMessageNotContaining("x".repeat(65));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadBalancingPolicyNames.requireRegistered(registry, "p", "y".repeat(64)))
			.withMessageContaining("'" + "y".repeat(64) + "',");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadBalancingPolicyNames.requireRegistered(registry, "p", null))
			.withMessageStartingWith("p is empty");
	}

	@Test
	void leastRequestComparesTwoUnlessConfigured() {
		LeastRequestLoadBalancerProvider provider = new LeastRequestLoadBalancerProvider();
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of()).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(2));
		// numbers in a parsed service config are doubles
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", 3.0)).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(3));
		// gRFC A48: above 10 counts as 10, not as an invalid config
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", 11.0)).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(10));
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", 1e12)).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(10));
		assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", 2.0)).getConfig())
			.isEqualTo(new LeastRequestLoadBalancerProvider.Config(2));
		for (Object bad : List.of(1.0, 0.0, -3.0, 2.5, Double.NaN, "3")) {
			ConfigOrError parsed = provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", bad));
			assertThat(parsed.getError()).as("%s", bad).isNotNull();
			assertThat(parsed.getError().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(parsed.getError().getDescription()).contains("choiceCount");
		}
	}

	@Test
	void thePoliciesTakeGrpcJavasDefaultPriorityAndAnyConfig() {
		for (HealthCheckedPolicyProvider provider : List.of(new RandomLoadBalancerProvider(),
				new WeightedLoadBalancerProvider(), new LeastRequestAllLoadBalancerProvider())) {
			assertThat(provider.isAvailable()).isTrue();
			assertThat(provider.getPriority()).isEqualTo(5);
			assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("any", 1.0)).getConfig())
				.isEqualTo(provider.getPolicyName());
		}
	}

	@Test
	void thePickersSayWhatTheyAreInTheChannelsLogs() {
		assertThat(Pickers.WAITING).hasToString("waiting");
		assertThat(Pickers.random(List.of(Pickers.WAITING, Pickers.WAITING))).hasToString("random[waiting, waiting]");
		assertThat(new WeightedLoadBalancerProvider.WeightedPicker(List.of(Pickers.WAITING, Pickers.WAITING),
				new int[] { 1, 3 }, WeightedLoadBalancerProvider.MAX_PRECOMPUTED))
			.hasToString("weighted[1, 3]");
	}

}
