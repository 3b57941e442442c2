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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.LoadBalancerRegistry;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Outlier detection (gRFC A50, grpc-util's {@code outlier_detection_experimental}): every
 * {@code interval} the channel looks at each backend's calls since the last look, and
 * ejects the backends whose calls fail far more often than the others' (success rate) or
 * than a threshold (failure percentage). An ejected backend gets no calls for
 * {@code baseEjectionTime} times the number of its ejections in a row, at most
 * {@code maxEjectionTime}. Every status but OK counts as a failure. At least one backend
 * can be ejected; more only while fewer than {@code maxEjectionPercent} are.
 *
 * @param interval time between two looks
 * @param baseEjectionTime ejection time of a first ejection
 * @param maxEjectionTime longest ejection time
 * @param maxEjectionPercent share of backends beyond which no more are ejected (0 to 100)
 * @param failurePercentage ejection above a failure percentage, or {@code null} for none
 * @param successRate ejection below the others' success rate, or {@code null} for none
 * @author health-grpc authors
 * @since 0.1.0
 */
public record OutlierDetection(Duration interval, Duration baseEjectionTime, Duration maxEjectionTime,
		int maxEjectionPercent, @Nullable FailurePercentage failurePercentage, @Nullable SuccessRate successRate) {

	/**
	 * Check the settings.
	 * @param interval time between two looks
	 * @param baseEjectionTime ejection time of a first ejection
	 * @param maxEjectionTime longest ejection time
	 * @param maxEjectionPercent share of backends beyond which no more are ejected
	 * @param failurePercentage ejection above a failure percentage, or {@code null}
	 * @param successRate ejection below the others' success rate, or {@code null}
	 */
	public OutlierDetection {
		Assert.isTrue(interval != null && interval.toMillis() > 0, "'interval' must be positive");
		Assert.isTrue(baseEjectionTime != null && baseEjectionTime.toMillis() > 0,
				"'baseEjectionTime' must be positive");
		Assert.isTrue(maxEjectionTime != null && maxEjectionTime.compareTo(baseEjectionTime) >= 0,
				"'maxEjectionTime' must not be shorter than 'baseEjectionTime'");
		Assert.isTrue(percent(maxEjectionPercent), "'maxEjectionPercent' must be from 0 to 100");
	}

	/**
	 * Return health-grpc's defaults: a look every 10 s, ejection for 30 s (at most 300
	 * s), at most 10 % of the backends but always one, by failure percentage only (above
	 * 85 % of at least 20 calls, among at least 2 backends).
	 * @return the settings
	 */
	public static OutlierDetection standard() {
		return new OutlierDetection(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(300), 10,
				new FailurePercentage(85, 100, 2, 20), null);
	}

	/**
	 * Return whether outlier detection makes sense around a policy: one that spreads
	 * calls over several backends and that the registry knows. Not around
	 * {@code pick_first}, which sends every call to one backend: ejecting it would leave
	 * none.
	 * @param policy the policy's registered name
	 * @return whether the policy can be wrapped
	 */
	public static boolean appliesTo(String policy) {
		return !"pick_first".equals(policy) && LoadBalancerRegistry.getDefaultRegistry().getProvider(policy) != null;
	}

	Map<String, Object> toServiceConfig(String childPolicy) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("interval", ClientServiceConfig.seconds(this.interval));
		config.put("baseEjectionTime", ClientServiceConfig.seconds(this.baseEjectionTime));
		config.put("maxEjectionTime", ClientServiceConfig.seconds(this.maxEjectionTime));
		// the key grpc-java 1.85 reads; gRFC A50 spells it maxEjectionPercent
		config.put("maxEjectionPercentage", (double) this.maxEjectionPercent);
		if (this.successRate != null) {
			config.put("successRateEjection",
					ejection("stdevFactor", this.successRate.stdevFactor(), this.successRate.enforcementPercentage(),
							this.successRate.minimumHosts(), this.successRate.requestVolume()));
		}
		if (this.failurePercentage != null) {
			config.put("failurePercentageEjection",
					ejection("threshold", this.failurePercentage.threshold(),
							this.failurePercentage.enforcementPercentage(), this.failurePercentage.minimumHosts(),
							this.failurePercentage.requestVolume()));
		}
		config.put("childPolicy", List.of(Map.of(childPolicy, Map.of())));
		return config;
	}

	private static Map<String, Object> ejection(String limitKey, int limit, int enforcementPercentage, int minimumHosts,
			int requestVolume) {
		Map<String, Object> ejection = new LinkedHashMap<>();
		ejection.put(limitKey, (double) limit);
		ejection.put("enforcementPercentage", (double) enforcementPercentage);
		ejection.put("minimumHosts", (double) minimumHosts);
		ejection.put("requestVolume", (double) requestVolume);
		return ejection;
	}

	private static boolean percent(int value) {
		return value >= 0 && value <= 100;
	}

	/**
	 * Ejection of the backends whose calls fail more often than a threshold.
	 *
	 * @param threshold failure percentage above which a backend is ejected (0 to 100)
	 * @param enforcementPercentage chance, in percent, that a backend found failing is
	 * ejected (0 to 100)
	 * @param minimumHosts backends with enough calls needed before any is ejected
	 * @param requestVolume calls a backend needs in an interval to be judged
	 */
	public record FailurePercentage(int threshold, int enforcementPercentage, int minimumHosts, int requestVolume) {

		/**
		 * Check the settings.
		 * @param threshold failure percentage above which a backend is ejected
		 * @param enforcementPercentage chance, in percent, that it is ejected
		 * @param minimumHosts backends with enough calls needed before any is ejected
		 * @param requestVolume calls a backend needs in an interval to be judged
		 */
		public FailurePercentage {
			Assert.isTrue(percent(threshold), "'threshold' must be from 0 to 100");
			Assert.isTrue(percent(enforcementPercentage), "'enforcementPercentage' must be from 0 to 100");
			Assert.isTrue(minimumHosts >= 0, "'minimumHosts' must not be negative");
			Assert.isTrue(requestVolume >= 0, "'requestVolume' must not be negative");
		}

	}

	/**
	 * Ejection of the backends whose success rate is below the mean of all by more than
	 * {@code stdevFactor / 1000} standard deviations.
	 *
	 * @param stdevFactor standard deviations, in thousandths, below the mean that eject
	 * @param enforcementPercentage chance, in percent, that a backend found failing is
	 * ejected (0 to 100)
	 * @param minimumHosts backends with enough calls needed before any is ejected
	 * @param requestVolume calls a backend needs in an interval to be judged
	 */
	public record SuccessRate(int stdevFactor, int enforcementPercentage, int minimumHosts, int requestVolume) {

		/**
		 * Check the settings.
		 * @param stdevFactor standard deviations, in thousandths, below the mean that
		 * eject
		 * @param enforcementPercentage chance, in percent, that it is ejected
		 * @param minimumHosts backends with enough calls needed before any is ejected
		 * @param requestVolume calls a backend needs in an interval to be judged
		 */
		public SuccessRate {
			Assert.isTrue(stdevFactor >= 0, "'stdevFactor' must not be negative");
			Assert.isTrue(percent(enforcementPercentage), "'enforcementPercentage' must be from 0 to 100");
			Assert.isTrue(minimumHosts >= 0, "'minimumHosts' must not be negative");
			Assert.isTrue(requestVolume >= 0, "'requestVolume' must not be negative");
		}

	}

}
