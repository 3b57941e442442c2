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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.healthgrpc.client.lb.GuardedOutlierDetectionLoadBalancerProvider;
import io.grpc.Status;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Builds a channel's default service config (gRFC A2): client-side health checking
 * ({@code healthCheckConfig}), retries and hedging ({@code methodConfig} with a
 * {@code retryPolicy} or a {@code hedgingPolicy}), retry throttling
 * ({@code retryThrottling}) and outlier detection around the channel's policy
 * ({@code loadBalancingConfig}). Without outlier detection there is no
 * {@code loadBalancingConfig}, and the channel's default policy stays in charge. A
 * service config that name resolution supplies replaces this one whole.
 *
 * <pre class="code">
 * Map&lt;String, ?&gt; config = ClientServiceConfig.builder()
 *     .healthCheck("")
 *     .retry(List.of("inventory.v1.Inventory/Get"), RetryPolicy.standard())
 *     .retryThrottling(RetryThrottling.standard())
 *     .outlierDetection("round_robin", OutlierDetection.standard())
 *     .build();
 * channelBuilder.defaultServiceConfig(config);
 * </pre>
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class ClientServiceConfig {

	private ClientServiceConfig() {
	}

	/**
	 * Return a duration in the service config's format: decimal seconds with an "s".
	 */
	static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
	}

	/**
	 * Return a builder of an empty config.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * How failed calls are retried.
	 *
	 * @param maxAttempts attempts of one call, the first included (2 to 5)
	 * @param initialBackoff wait before the first retry
	 * @param maxBackoff longest wait
	 * @param backoffMultiplier factor between two waits
	 * @param statusCodes codes that are retried
	 */
	public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier,
			List<Status.Code> statusCodes) {

		/**
		 * Check the policy.
		 * @param maxAttempts attempts of one call, the first included (2 to 5)
		 * @param initialBackoff wait before the first retry
		 * @param maxBackoff longest wait
		 * @param backoffMultiplier factor between two waits
		 * @param statusCodes codes that are retried
		 */
		public RetryPolicy {
			Assert.isTrue(maxAttempts >= 2 && maxAttempts <= 5, "'maxAttempts' must be from 2 to 5");
			Assert.isTrue(initialBackoff != null && initialBackoff.toMillis() > 0, "'initialBackoff' must be positive");
			Assert.isTrue(maxBackoff != null && maxBackoff.toMillis() > 0, "'maxBackoff' must be positive");
			Assert.isTrue(backoffMultiplier > 0, "'backoffMultiplier' must be positive");
			Assert.notEmpty(statusCodes, "'statusCodes' must not be empty");
			Assert.isTrue(!statusCodes.contains(Status.Code.OK), "'statusCodes' must not contain OK");
			statusCodes = List.copyOf(statusCodes);
		}

		/**
		 * Return 3 attempts on UNAVAILABLE, backoff from 100 ms doubling up to 2 s.
		 * @return the policy
		 */
		public static RetryPolicy standard() {
			return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0,
					List.of(Status.Code.UNAVAILABLE));
		}

	}

	/**
	 * Builds a service config map.
	 */
	public static final class Builder {

		@Nullable
		private String healthCheckedService;

		private final List<Map<String, Object>> methodConfigs = new ArrayList<>();

		@Nullable
		private RetryThrottling retryThrottling;

		@Nullable
		private Map<String, Object> loadBalancingConfig;

		private Builder() {
		}

		/**
		 * Watch each backend's health and send calls only to SERVING ones.
		 * @param serviceName the health service name, {@code ""} for the overall status
		 * @return this builder
		 */
		public Builder healthCheck(String serviceName) {
			Assert.notNull(serviceName, "'serviceName' must not be null");
			this.healthCheckedService = serviceName;
			return this;
		}

		/**
		 * Retry calls of some methods.
		 * @param methods {@code pkg.Service}, {@code pkg.Service/Method}, or {@code *}
		 * for every method
		 * @param policy how
		 * @return this builder
		 */
		public Builder retry(List<String> methods, RetryPolicy policy) {
			if (methods.isEmpty()) {
				return this;
			}
			Map<String, Object> retryPolicy = new LinkedHashMap<>();
			retryPolicy.put("maxAttempts", (double) policy.maxAttempts());
			retryPolicy.put("initialBackoff", seconds(policy.initialBackoff()));
			retryPolicy.put("maxBackoff", seconds(policy.maxBackoff()));
			retryPolicy.put("backoffMultiplier", policy.backoffMultiplier());
			retryPolicy.put("retryableStatusCodes", policy.statusCodes().stream().map(Enum::name).toList());
			return methodConfig(methods, "retryPolicy", retryPolicy);
		}

		/**
		 * Hedge calls of some methods; a method is either retried or hedged.
		 * @param methods {@code pkg.Service}, {@code pkg.Service/Method}, or {@code *}
		 * for every method
		 * @param policy how
		 * @return this builder
		 */
		public Builder hedge(List<String> methods, HedgingPolicy policy) {
			return methods.isEmpty() ? this : methodConfig(methods, "hedgingPolicy", policy.toServiceConfig());
		}

		/**
		 * Throttle the channel's retries and hedged attempts.
		 * @param throttling how
		 * @return this builder
		 */
		public Builder retryThrottling(RetryThrottling throttling) {
			Assert.notNull(throttling, "'throttling' must not be null");
			this.retryThrottling = throttling;
			return this;
		}

		/**
		 * Eject failing backends from a policy's picks.
		 * @param childPolicy the registered name of the policy that picks among the
		 * backends not ejected, such as {@code round_robin}
		 * @param outlierDetection when to eject
		 * @return this builder
		 */
		public Builder outlierDetection(String childPolicy, OutlierDetection outlierDetection) {
			Assert.hasText(childPolicy, "'childPolicy' must not be empty");
			Assert.notNull(outlierDetection, "'outlierDetection' must not be null");
			this.loadBalancingConfig = Map.of(GuardedOutlierDetectionLoadBalancerProvider.POLICY_NAME,
					outlierDetection.toServiceConfig(childPolicy));
			return this;
		}

		private Builder methodConfig(List<String> methods, String policyKey, Map<String, Object> policy) {
			Map<String, Object> methodConfig = new LinkedHashMap<>();
			methodConfig.put("name", methods.stream().map(Builder::name).toList());
			methodConfig.put(policyKey, policy);
			this.methodConfigs.add(methodConfig);
			return this;
		}

		/**
		 * Return the service config: empty when nothing was asked for.
		 * @return the map, as {@code ManagedChannelBuilder.defaultServiceConfig} takes it
		 */
		public Map<String, Object> build() {
			Map<String, Object> config = new LinkedHashMap<>();
			if (this.healthCheckedService != null) {
				config.put("healthCheckConfig", Map.of("serviceName", this.healthCheckedService));
			}
			if (!this.methodConfigs.isEmpty()) {
				config.put("methodConfig", List.copyOf(this.methodConfigs));
			}
			if (this.retryThrottling != null) {
				config.put("retryThrottling", this.retryThrottling.toServiceConfig());
			}
			if (this.loadBalancingConfig != null) {
				config.put("loadBalancingConfig", List.of(this.loadBalancingConfig));
			}
			return config;
		}

		private static Map<String, String> name(String method) {
			if (method.equals("*")) {
				return Map.of();
			}
			int slash = method.indexOf('/');
			return (slash < 0) ? Map.of("service", method)
					: Map.of("service", method.substring(0, slash), "method", method.substring(slash + 1));
		}

	}

}
