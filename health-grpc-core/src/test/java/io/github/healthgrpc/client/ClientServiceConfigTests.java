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
	void hedgingIsAMethodConfigWithAHedgingPolicy() {
		Map<String, Object> config = ClientServiceConfig.builder()
			.hedge(List.of("shop.Cart/Get"),
					new HedgingPolicy(3, Duration.ofMillis(20), List.of(Status.Code.UNAVAILABLE, Status.Code.ABORTED)))
			.hedge(List.of(), new HedgingPolicy(2, Duration.ZERO, List.of()))
			.build();
		assertThat(config).isEqualTo(Map.of("methodConfig",
				List.of(Map.of("name", List.of(Map.of("service", "shop.Cart", "method", "Get")), "hedgingPolicy",
						Map.of("maxAttempts", 3.0, "hedgingDelay", "0.02s", "nonFatalStatusCodes",
								List.of("UNAVAILABLE", "ABORTED"))))));
	}

	@Test
	void retryThrottlingIsOneEntryForTheChannel() {
		assertThat(ClientServiceConfig.builder().retryThrottling(RetryThrottling.standard()).build())
			.isEqualTo(Map.of("retryThrottling", Map.of("maxTokens", 10.0, "tokenRatio", 0.1)));
	}

	@Test
	void outlierDetectionWrapsTheChannelsPolicy() {
		OutlierDetection detection = new OutlierDetection(Duration.ofSeconds(1), Duration.ofMillis(1500),
				Duration.ofSeconds(20), 40, new OutlierDetection.FailurePercentage(70, 90, 3, 10),
				new OutlierDetection.SuccessRate(1500, 80, 4, 30));
		Map<String, Object> config = ClientServiceConfig.builder().outlierDetection("least_request", detection).build();
		assertThat(config).isEqualTo(Map.of("loadBalancingConfig",
				List.of(Map.of("health_grpc_outlier_detection",
						Map.of("interval", "1s", "baseEjectionTime", "1.5s", "maxEjectionTime", "20s",
								"maxEjectionPercentage", 40.0, "successRateEjection", Map.of("stdevFactor", 1500.0,
										"enforcementPercentage", 80.0, "minimumHosts", 4.0, "requestVolume", 30.0),
								"failurePercentageEjection",
								Map.of("threshold", 70.0, "enforcementPercentage", 90.0, "minimumHosts", 3.0,
										"requestVolume", 10.0),
								"childPolicy", List.of(Map.of("least_request", Map.of())))))));
		assertThat(ClientServiceConfig.builder()
			.outlierDetection("random", OutlierDetection.standard())
			.build()
			.get("loadBalancingConfig")
			.toString()).doesNotContain("successRateEjection");
	}

	@Test
	void grpcJavaReadsEveryOutlierDetectionSetting() {
		OutlierDetection detection = new OutlierDetection(Duration.ofSeconds(1), Duration.ofMillis(1500),
				Duration.ofSeconds(20), 40, new OutlierDetection.FailurePercentage(70, 90, 3, 10),
				new OutlierDetection.SuccessRate(1500, 80, 4, 30));
		io.grpc.NameResolver.ConfigOrError parsed = new io.grpc.util.OutlierDetectionLoadBalancerProvider()
			.parseLoadBalancingPolicyConfig(detection.toServiceConfig("round_robin"));
		assertThat(parsed.getError()).isNull();
		io.grpc.util.OutlierDetectionLoadBalancer.OutlierDetectionLoadBalancerConfig read = (io.grpc.util.OutlierDetectionLoadBalancer.OutlierDetectionLoadBalancerConfig) parsed
			.getConfig();
		assertThat(read.intervalNanos).isEqualTo(Duration.ofSeconds(1).toNanos());
		assertThat(read.baseEjectionTimeNanos).isEqualTo(Duration.ofMillis(1500).toNanos());
		assertThat(read.maxEjectionTimeNanos).isEqualTo(Duration.ofSeconds(20).toNanos());
		assertThat(read.maxEjectionPercent).isEqualTo(40);
		assertThat(read.failurePercentageEjection.threshold).isEqualTo(70);
		assertThat(read.failurePercentageEjection.enforcementPercentage).isEqualTo(90);
		assertThat(read.failurePercentageEjection.minimumHosts).isEqualTo(3);
		assertThat(read.failurePercentageEjection.requestVolume).isEqualTo(10);
		assertThat(read.successRateEjection.stdevFactor).isEqualTo(1500);
		assertThat(read.successRateEjection.enforcementPercentage).isEqualTo(80);
		assertThat(read.successRateEjection.minimumHosts).isEqualTo(4);
		assertThat(read.successRateEjection.requestVolume).isEqualTo(30);
	}

	@Test
	void outlierDetectionAppliesToPoliciesThatSpreadCallsOnly() {
		assertThat(OutlierDetection.appliesTo("round_robin")).isTrue();
		assertThat(OutlierDetection.appliesTo("random")).isTrue();
		assertThat(OutlierDetection.appliesTo("least_request")).isTrue();
		assertThat(OutlierDetection.appliesTo("weighted")).isTrue();
		assertThat(OutlierDetection.appliesTo("pick_first")).isFalse();
		assertThat(OutlierDetection.appliesTo("least-request")).isFalse();
	}

	@Test
	void grpcJavaTakesTheConfig() throws InterruptedException {
		Map<String, Object> config = ClientServiceConfig.builder()
			.healthCheck("")
			.retry(List.of("shop.Cart/Get"), ClientServiceConfig.RetryPolicy.standard())
			.hedge(List.of("shop.Cart/List"), new HedgingPolicy(2, Duration.ofMillis(50), List.of()))
			.retryThrottling(RetryThrottling.standard())
			.outlierDetection("round_robin", OutlierDetection.standard())
			.build();
		ManagedChannel channel = InProcessChannelBuilder.forName("nowhere").defaultServiceConfig(config).build();
		channel.shutdownNow();
	}

	@Test
	void hedgingThrottlingAndOutlierDetectionOutsideGrpcsLimitsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HedgingPolicy(6, Duration.ZERO, List.of()))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException().isThrownBy(() -> new HedgingPolicy(1, Duration.ZERO, List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new HedgingPolicy(2, Duration.ofMillis(-1), List.of()))
			.withMessageContaining("delay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HedgingPolicy(2, Duration.ZERO, List.of(Status.Code.OK)));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryThrottling(0, 0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryThrottling(1001, 0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryThrottling(10, 0.0009))
			.withMessageContaining("tokenRatio");
		Duration second = Duration.ofSeconds(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetection(Duration.ZERO, second, second, 10, null, null))
			.withMessageContaining("interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetection(second, Duration.ZERO, second, 10, null, null))
			.withMessageContaining("baseEjectionTime");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetection(second, second, Duration.ofMillis(999), 10, null, null))
			.withMessageContaining("maxEjectionTime");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetection(second, second, second, 101, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetection(second, second, second, -1, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.FailurePercentage(101, 100, 2, 20));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.FailurePercentage(85, -1, 2, 20));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.FailurePercentage(85, 100, -1, 20));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.FailurePercentage(85, 100, 2, -1));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.SuccessRate(-1, 100, 5, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.SuccessRate(1900, 101, 5, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.SuccessRate(1900, 100, -1, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutlierDetection.SuccessRate(1900, 100, 5, -1));
	}

	@Test
	void theBoundsOfOutlierDetectionAreAccepted() {
		Duration second = Duration.ofSeconds(1);
		assertThat(new OutlierDetection(second, second, second, 0, new OutlierDetection.FailurePercentage(0, 0, 0, 0),
				new OutlierDetection.SuccessRate(0, 0, 0, 0))
			.maxEjectionPercent()).isZero();
		assertThat(new OutlierDetection(second, second, second, 100,
				new OutlierDetection.FailurePercentage(100, 100, 0, 0), new OutlierDetection.SuccessRate(0, 100, 0, 0))
			.maxEjectionPercent()).isEqualTo(100);
	}

	@Test
	void theBuilderRefusesMissingSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientServiceConfig.builder().healthCheck(null))
			.withMessageContaining("serviceName");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientServiceConfig.builder().retryThrottling(null))
			.withMessageContaining("throttling");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientServiceConfig.builder().outlierDetection("", OutlierDetection.standard()))
			.withMessageContaining("childPolicy");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientServiceConfig.builder().outlierDetection("round_robin", null))
			.withMessageContaining("outlierDetection");
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
