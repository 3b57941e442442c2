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

package io.github.healthgrpc.autoconfigure.client;

import java.time.Duration;

import io.github.healthgrpc.client.OutlierDetection;

import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;

/**
 * Outlier detection of one channel
 * ({@code health-grpc.client.channels.<name>.outlier-detection.*}): backends whose calls
 * fail get no calls for a while, under every policy but pick_first.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ChannelOutlierDetection {

	/**
	 * Whether backends whose calls fail are ejected from the policy's picks for a while
	 * (grpc-java's outlier_detection_experimental, as health_grpc_outlier_detection,
	 * around the channel's policy). Applies to round_robin, random, least_request,
	 * weighted and any other policy but pick_first, on channels other than in-process
	 * ones.
	 */
	private boolean enabled = true;

	/**
	 * Time between two looks at each backend's calls.
	 */
	@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Ejection time of a first ejection; each ejection in a row adds as much again.
	 */
	@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
	private Duration baseEjectionTime = Duration.ofSeconds(30);

	/**
	 * Longest ejection time.
	 */
	@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
	private Duration maxEjectionTime = Duration.ofSeconds(300);

	/**
	 * Share of backends, in percent, beyond which no more are ejected; one backend can
	 * always be ejected.
	 */
	private int maxEjectionPercent = 10;

	private final FailurePercentage failurePercentage = new FailurePercentage();

	private final SuccessRate successRate = new SuccessRate();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getBaseEjectionTime() {
		return this.baseEjectionTime;
	}

	public void setBaseEjectionTime(Duration baseEjectionTime) {
		this.baseEjectionTime = baseEjectionTime;
	}

	public Duration getMaxEjectionTime() {
		return this.maxEjectionTime;
	}

	public void setMaxEjectionTime(Duration maxEjectionTime) {
		this.maxEjectionTime = maxEjectionTime;
	}

	public int getMaxEjectionPercent() {
		return this.maxEjectionPercent;
	}

	public void setMaxEjectionPercent(int maxEjectionPercent) {
		this.maxEjectionPercent = maxEjectionPercent;
	}

	public FailurePercentage getFailurePercentage() {
		return this.failurePercentage;
	}

	public SuccessRate getSuccessRate() {
		return this.successRate;
	}

	/**
	 * Return the outlier detection these settings describe.
	 * @return the settings for the service config
	 */
	public OutlierDetection toOutlierDetection() {
		FailurePercentage failure = this.failurePercentage;
		SuccessRate success = this.successRate;
		return new OutlierDetection(this.interval, this.baseEjectionTime, this.maxEjectionTime, this.maxEjectionPercent,
				failure.isEnabled() ? new OutlierDetection.FailurePercentage(failure.getThreshold(),
						failure.getEnforcementPercentage(), failure.getMinimumHosts(), failure.getRequestVolume())
						: null,
				success.isEnabled() ? new OutlierDetection.SuccessRate(success.getStdevFactor(),
						success.getEnforcementPercentage(), success.getMinimumHosts(), success.getRequestVolume())
						: null);
	}

	void validate(Errors errors, String prefix) {
		HealthGrpcClientProperties.rejectNotPositive(errors, prefix + "interval", this.interval);
		HealthGrpcClientProperties.rejectNotPositive(errors, prefix + "base-ejection-time", this.baseEjectionTime);
		if (this.maxEjectionTime != null && this.baseEjectionTime != null
				&& this.maxEjectionTime.compareTo(this.baseEjectionTime) < 0) {
			errors.rejectValue(prefix + "max-ejection-time", "tooShort", "must not be shorter than base-ejection-time");
		}
		rejectUnlessPercent(errors, prefix + "max-ejection-percent", this.maxEjectionPercent);
		rejectUnlessPercent(errors, prefix + "failure-percentage.threshold", this.failurePercentage.getThreshold());
		this.failurePercentage.validate(errors, prefix + "failure-percentage.");
		this.successRate.validate(errors, prefix + "success-rate.");
		if (this.successRate.getStdevFactor() < 0) {
			errors.rejectValue(prefix + "success-rate.stdev-factor", "negative", "must not be negative");
		}
	}

	static void rejectUnlessPercent(Errors errors, String field, int value) {
		if (value < 0 || value > 100) {
			errors.rejectValue(field, "outOfRange", "must be from 0 to 100");
		}
	}

	/**
	 * Settings shared by both ways of ejecting.
	 */
	abstract static class Ejection {

		/**
		 * Chance, in percent, that a backend found failing is ejected.
		 */
		private int enforcementPercentage = 100;

		/**
		 * Backends with enough calls in an interval needed before any is ejected.
		 */
		private int minimumHosts;

		/**
		 * Calls a backend needs in an interval to be judged.
		 */
		private int requestVolume;

		Ejection(int minimumHosts, int requestVolume) {
			this.minimumHosts = minimumHosts;
			this.requestVolume = requestVolume;
		}

		public int getEnforcementPercentage() {
			return this.enforcementPercentage;
		}

		public void setEnforcementPercentage(int enforcementPercentage) {
			this.enforcementPercentage = enforcementPercentage;
		}

		public int getMinimumHosts() {
			return this.minimumHosts;
		}

		public void setMinimumHosts(int minimumHosts) {
			this.minimumHosts = minimumHosts;
		}

		public int getRequestVolume() {
			return this.requestVolume;
		}

		public void setRequestVolume(int requestVolume) {
			this.requestVolume = requestVolume;
		}

		void validate(Errors errors, String prefix) {
			rejectUnlessPercent(errors, prefix + "enforcement-percentage", this.enforcementPercentage);
			if (this.minimumHosts < 0) {
				errors.rejectValue(prefix + "minimum-hosts", "negative", "must not be negative");
			}
			if (this.requestVolume < 0) {
				errors.rejectValue(prefix + "request-volume", "negative", "must not be negative");
			}
		}

	}

	/**
	 * Ejection of backends whose calls fail more often than a threshold: what protects a
	 * small fleet from one backend that fails fast.
	 */
	public static class FailurePercentage extends Ejection {

		/**
		 * Whether backends are ejected whose share of failed calls (every status but OK)
		 * exceeds the threshold.
		 */
		private boolean enabled = true;

		/**
		 * Share of failed calls, in percent, above which a backend is ejected.
		 */
		private int threshold = 85;

		FailurePercentage() {
			super(2, 20);
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getThreshold() {
			return this.threshold;
		}

		public void setThreshold(int threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Ejection of backends whose success rate is far below the others'; it needs several
	 * backends to compare.
	 */
	public static class SuccessRate extends Ejection {

		/**
		 * Whether backends are ejected whose success rate is below the mean of all by
		 * more than stdev-factor / 1000 standard deviations.
		 */
		private boolean enabled;

		/**
		 * Standard deviations, in thousandths, below the mean success rate that eject a
		 * backend.
		 */
		private int stdevFactor = 1900;

		SuccessRate() {
			super(5, 100);
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getStdevFactor() {
			return this.stdevFactor;
		}

		public void setStdevFactor(int stdevFactor) {
			this.stdevFactor = stdevFactor;
		}

	}

}
