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

package io.github.healthgrpc.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The service config maps that {@link ClientServiceConfig} builds, in the form gRFC A2
 * and A6 define (retries over real servers: {@code RetriesIntegrationTests}).
 *
 * @author health-grpc authors
 */
class ClientServiceConfigTests {

	@Test
	void nothingAskedForIsAnEmptyConfig() {
		assertThat(ClientServiceConfig.builder().build()).isEmpty();
		assertThat(ClientServiceConfig.builder().retry(List.of(), ClientServiceConfig.RetryPolicy.standard()).build())
			.isEmpty();
	}

	@Test
	void healthCheckingNamesTheService() {
		assertThat(ClientServiceConfig.builder().healthCheck("shop.Cart").build())
			.isEqualTo(Map.of("healthCheckConfig", Map.of("serviceName", "shop.Cart")));
	}

	@Test
	void retriesAreAMethodConfigWithARetryPolicy() {
		ClientServiceConfig.RetryPolicy policy = new ClientServiceConfig.RetryPolicy(4, Duration.ofMillis(150),
				Duration.ofSeconds(3), 1.5, List.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED));
		Map<String, Object> config = ClientServiceConfig.builder()
			.retry(List.of("*", "shop.Cart", "shop.Cart/Get"), policy)
			.build();
		assertThat(config).isEqualTo(Map.of("methodConfig",
				List.of(Map.of("name",
						List.of(Map.of(), Map.of("service", "shop.Cart"),
								Map.of("service", "shop.Cart", "method", "Get")),
						"retryPolicy",
						Map.of("maxAttempts", 4.0, "initialBackoff", "0.15s", "maxBackoff", "3s", "backoffMultiplier",
								1.5, "retryableStatusCodes", List.of("UNAVAILABLE", "RESOURCE_EXHAUSTED"))))));
	}

	@Test
	void grpcJavaTakesTheConfig() throws InterruptedException {
		Map<String, Object> config = ClientServiceConfig.builder()
			.healthCheck("")
			.retry(List.of("shop.Cart/Get"), ClientServiceConfig.RetryPolicy.standard())
			.build();
		ManagedChannel channel = InProcessChannelBuilder.forName("nowhere").defaultServiceConfig(config).build();
		channel.shutdownNow();
	}

	@Test
	void aRetryPolicyOutsideGrpcsLimitsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientServiceConfig.RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1), 2,
					List.of(Status.Code.UNAVAILABLE)))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientServiceConfig.RetryPolicy(6,
				Duration.ofMillis(100), Duration.ofSeconds(1), 2, List.of(Status.Code.UNAVAILABLE)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientServiceConfig.RetryPolicy(3, Duration.ZERO,
				Duration.ofSeconds(1), 2, List.of(Status.Code.UNAVAILABLE)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientServiceConfig.RetryPolicy(3,
				Duration.ofMillis(100), Duration.ofSeconds(1), 0, List.of(Status.Code.UNAVAILABLE)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientServiceConfig.RetryPolicy(3,
				Duration.ofMillis(100), Duration.ofSeconds(1), 2, List.of(Status.Code.OK)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientServiceConfig.RetryPolicy(3,
				Duration.ofMillis(100), Duration.ofSeconds(1), 2, List.of()));
	}

}
