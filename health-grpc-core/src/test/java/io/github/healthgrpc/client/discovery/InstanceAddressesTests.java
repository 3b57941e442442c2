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
package io.github.healthgrpc.client.discovery;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.healthgrpc.client.lb.WeightedLoadBalancerProvider;
import io.github.healthgrpc.testsupport.CapturedLog;
import io.github.healthgrpc.testsupport.LogCaptureExtension;
import io.grpc.EquivalentAddressGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InstanceAddresses}: the bounds of ports, weights and warnings.
 *
 * @author health-grpc authors
 */
@ExtendWith(LogCaptureExtension.class)
class InstanceAddressesTests {

	private final InstanceAddresses addresses = new InstanceAddresses("orders", "gRPC_weight");

	@Test
	void anInstanceRegisteredOnPortZeroIsLeftOut() {
		assertThat(ports(instance("a", 0, Map.of()), instance("b", 9002, Map.of()))).containsExactly(9002);
	}

	@Test
	void theHighestPortIsOneAndOneAboveItIsLeftOutWithAWarning(CapturedLog log) {
		assertThat(ports(instance("a", 8080, Map.of("gRPC_port", "65535")),
				instance("b", 8080, Map.of("gRPC_port", "65536")), instance("c", 8080, Map.of("gRPC.port", "0"))))
			.containsExactly(65535);
		assertThat(log.getOut()).contains("Instance b of 'orders' has gRPC_port=65536, not a port: it is left out")
			.contains("Instance c of 'orders' has gRPC.port=0, not a port: it is left out")
			.doesNotContain("Instance a");
	}

	@Test
	void aWeightOfZeroWeighsTheDefaultWithAWarning(CapturedLog log) {
		List<EquivalentAddressGroup> groups = this.addresses
			.of(List.of(instance("a", 9001, Map.of("gRPC_weight", "0"))));
		assertThat(groups.get(0).getAttributes().get(WeightedLoadBalancerProvider.WEIGHT))
			.isEqualTo(WeightedLoadBalancerProvider.DEFAULT_WEIGHT);
		assertThat(log.getOut()).contains("has gRPC_weight=0, not a positive whole number: it weighs 1");
	}

	@Test
	void aValueOfUpTo32CharactersIsShownWholeAndALongerOneCut(CapturedLog log) {
		String shown = "7".repeat(32);
		String cut = "8".repeat(33);
		this.addresses.of(List.of(instance("a", 9001, Map.of("gRPC_weight", shown)),
				instance("b", 9002, Map.of("gRPC_weight", cut))));
		assertThat(log.getOut()).contains("gRPC_weight=" + shown + ", ")
			.contains("gRPC_weight=" + "8".repeat(32) + "..., ")
			.doesNotContain(cut);
	}

	@Test
	void atMostAThousandBadValuesAreWarnedAbout(CapturedLog log) {
		List<DiscoveredInstance> instances = new ArrayList<>();
		for (int i = 0; i < 1_001; i++) {
			instances.add(instance("i" + i, 9000 + i, Map.of("gRPC_weight", "heavy")));
		}
		assertThat(this.addresses.of(instances)).hasSize(1_001);
		assertThat(log.getOut().split("has gRPC_weight=heavy", -1)).hasSize(1_001);
	}

	private List<Integer> ports(DiscoveredInstance... instances) {
		return this.addresses.of(List.of(instances))
			.stream()
			.map((group) -> ((InetSocketAddress) group.getAddresses().get(0)).getPort())
			.toList();
	}

	private static DiscoveredInstance instance(String id, int port, Map<String, String> metadata) {
		return new DiscoveredInstance(id, "127.0.0.1", port, metadata);
	}

}
