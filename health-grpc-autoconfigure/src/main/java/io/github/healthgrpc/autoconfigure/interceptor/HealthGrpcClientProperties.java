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

package io.github.healthgrpc.autoconfigure.interceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.Status;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of health-grpc's client defaults ({@code health-grpc.client.*}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@ConfigurationProperties(HealthGrpcClientProperties.PREFIX)
public class HealthGrpcClientProperties implements Validator {

	/**
	 * Prefix of the client properties.
	 */
	public static final String PREFIX = "health-grpc.client";

	private final Deadlines deadlines = new Deadlines();

	/**
	 * Per client name (as in @GrpcClient("name") and grpc.client.<name>): retries,
	 * client-side health checking and a downstream health contributor.
	 */
	private final Map<String, Channel> channels = new LinkedHashMap<>();

	private final LoadBalancing loadBalancing = new LoadBalancing();

	private final HealthIndicator healthIndicator = new HealthIndicator();

	public Deadlines getDeadlines() {
		return this.deadlines;
	}

	public Map<String, Channel> getChannels() {
		return this.channels;
	}

	public LoadBalancing getLoadBalancing() {
		return this.loadBalancing;
	}

	public HealthIndicator getHealthIndicator() {
		return this.healthIndicator;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HealthGrpcClientProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		Deadlines deadlines = ((HealthGrpcClientProperties) target).getDeadlines();
		HealthGrpcInterceptorsProperties.rejectNotPositive(errors, "deadlines.default-timeout",
				deadlines.getDefaultTimeout());
		deadlines.getClients()
			.forEach((name, client) -> HealthGrpcInterceptorsProperties.rejectNotPositive(errors,
					"deadlines.clients[" + name + "].default-timeout", client.getDefaultTimeout()));
		HealthGrpcClientProperties properties = (HealthGrpcClientProperties) target;
		properties.getChannels().forEach((name, channel) -> channel.validate(errors, "channels[" + name + "]."));
		HealthGrpcInterceptorsProperties.rejectNotPositive(errors, "health-indicator.period",
				properties.getHealthIndicator().getPeriod());
		if (!StringUtils.hasText(properties.getHealthIndicator().getGroup())) {
			errors.rejectValue("health-indicator.group", "empty", "must not be empty");
		}
		if (!StringUtils.hasText(properties.getLoadBalancing().getWeightMetadataKey())) {
			errors.rejectValue("load-balancing.weight-metadata-key", "empty", "must not be empty");
		}
	}

	/**
	 * Default deadlines of unary client calls.
	 */
	public static class Deadlines {

		/**
		 * Whether unary calls without a deadline get a default one.
		 */
		private boolean enabled = true;

		/**
		 * Default deadline of every client's unary calls, from the start of each call.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration defaultTimeout = Duration.ofSeconds(30);

		/**
		 * Per client name (as in @GrpcClient("name")): its own default deadline.
		 */
		private final Map<String, Client> clients = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

		public Map<String, Client> getClients() {
			return this.clients;
		}

	}

	/**
	 * One client's settings.
	 */
	public static class Client {

		/**
		 * Default deadline of this client's unary calls.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration defaultTimeout;

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

	}

	/**
	 * One channel's settings.
	 */
	public static class Channel {

		private final HealthCheck healthCheck = new HealthCheck();

		private final Retry retry = new Retry();

		@NestedConfigurationProperty
		private final ChannelHedging hedging = new ChannelHedging();

		@NestedConfigurationProperty
		private final ChannelRetryThrottling retryThrottling = new ChannelRetryThrottling();

		@NestedConfigurationProperty
		private final ChannelOutlierDetection outlierDetection = new ChannelOutlierDetection();

		private final ChannelHealthIndicator healthIndicator = new ChannelHealthIndicator();

		public HealthCheck getHealthCheck() {
			return this.healthCheck;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public ChannelHedging getHedging() {
			return this.hedging;
		}

		public ChannelRetryThrottling getRetryThrottling() {
			return this.retryThrottling;
		}

		public ChannelOutlierDetection getOutlierDetection() {
			return this.outlierDetection;
		}

		public ChannelHealthIndicator getHealthIndicator() {
			return this.healthIndicator;
		}

		void validate(Errors errors, String prefix) {
			this.retry.validate(errors, prefix + "retry.");
			this.hedging.validate(errors, prefix + "hedging.", this.retry.getMethods());
			this.retryThrottling.validate(errors, prefix + "retry-throttling.");
			this.outlierDetection.validate(errors, prefix + "outlier-detection.");
			HealthGrpcInterceptorsProperties.rejectNotPositive(errors, prefix + "health-indicator.timeout",
					this.healthIndicator.getTimeout());
		}

	}

	/**
	 * Client-side health checking: the channel watches each backend's Health service and
	 * sends no call to one that is not SERVING.
	 */
	public static class HealthCheck {

		/**
		 * Whether each backend's health is watched (grpc.health.v1.Health/Watch) and only
		 * SERVING backends get calls. Needs a health-checking load-balancing policy:
		 * round_robin (net.devh's default), random, least_request or weighted.
		 */
		private boolean enabled;

		/**
		 * Health service name watched on each backend; empty for the overall status.
		 */
		private String serviceName = "";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getServiceName() {
			return this.serviceName;
		}

		public void setServiceName(String serviceName) {
			this.serviceName = serviceName;
		}

	}

	/**
	 * Retries of failed calls, through gRPC's service config.
	 */
	public static class Retry {

		/**
		 * Services (pkg.Service), methods (pkg.Service/Method), or * for all, whose calls
		 * are retried. Only idempotent ones belong here: a retried call may run twice.
		 * Empty: no retries beyond gRPC's transparent ones.
		 */
		private List<String> methods = new ArrayList<>();

		/**
		 * Most attempts of one call, the first included; gRPC allows at most 5.
		 */
		private int maxAttempts = 3;

		/**
		 * Backoff before the first retry; each retry waits the current backoff, give or
		 * take 20 percent.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration initialBackoff = Duration.ofMillis(100);

		/**
		 * Longest backoff.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration maxBackoff = Duration.ofSeconds(2);

		/**
		 * Factor between two backoffs.
		 */
		private double backoffMultiplier = 2.0;

		/**
		 * Status codes that are retried.
		 */
		private List<Status.Code> statusCodes = new ArrayList<>(List.of(Status.Code.UNAVAILABLE));

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getBackoffMultiplier() {
			return this.backoffMultiplier;
		}

		public void setBackoffMultiplier(double backoffMultiplier) {
			this.backoffMultiplier = backoffMultiplier;
		}

		public List<Status.Code> getStatusCodes() {
			return this.statusCodes;
		}

		public void setStatusCodes(List<Status.Code> statusCodes) {
			this.statusCodes = statusCodes;
		}

		void validate(Errors errors, String prefix) {
			if (this.maxAttempts < 2 || this.maxAttempts > 5) {
				errors.rejectValue(prefix + "max-attempts", "outOfRange",
						"must be from 2 to 5 (gRPC's limit of attempts)");
			}
			HealthGrpcInterceptorsProperties.rejectNotPositive(errors, prefix + "initial-backoff", this.initialBackoff);
			HealthGrpcInterceptorsProperties.rejectNotPositive(errors, prefix + "max-backoff", this.maxBackoff);
			if (!(this.backoffMultiplier > 0)) {
				errors.rejectValue(prefix + "backoff-multiplier", "notPositive", "must be positive");
			}
			if (this.statusCodes.isEmpty() || this.statusCodes.contains(Status.Code.OK)) {
				errors.rejectValue(prefix + "status-codes", "invalid", "must name at least one code, and not OK");
			}
			if (this.maxBackoff != null && this.initialBackoff != null
					&& this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				errors.rejectValue(prefix + "max-backoff", "tooShort", "must not be shorter than initial-backoff");
			}
			validateMethods(errors, prefix + "methods", this.methods);
		}

		static void validateMethods(Errors errors, String field, List<String> methods) {
			if (methods.stream().distinct().count() != methods.size()) {
				// gRPC refuses a service config that names a method twice
				errors.rejectValue(field, "duplicate", "must not name a method or service twice");
			}
			for (String method : methods) {
				if (!method.equals("*") && !method.matches("[\\w.$-]+(/[\\w$-]+)?")) {
					errors.rejectValue(field, "invalid",
							"'" + method + "' is not *, pkg.Service or pkg.Service/Method");
				}
			}
		}

	}

	/**
	 * A health contributor for this channel's backends.
	 */
	public static class ChannelHealthIndicator {

		/**
		 * Whether Actuator health has a contributor (under grpcDownstream) that asks this
		 * channel's Health service, off the request path.
		 */
		private boolean enabled;

		/**
		 * Health service name asked; empty for the overall status.
		 */
		private String service = "";

		/**
		 * Deadline of each Health/Check.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getService() {
			return this.service;
		}

		public void setService(String service) {
			this.service = service;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Load balancing over discovered instances.
	 */
	public static class LoadBalancing {

		/**
		 * Instance metadata key whose value (a positive whole number) is the instance's
		 * weight for the weighted policy; 1 when absent or invalid.
		 */
		private String weightMetadataKey = "gRPC_weight";

		public String getWeightMetadataKey() {
			return this.weightMetadataKey;
		}

		public void setWeightMetadataKey(String weightMetadataKey) {
			this.weightMetadataKey = weightMetadataKey;
		}

	}

	/**
	 * The downstream health contributor: its schedule, and where it counts.
	 */
	public static class HealthIndicator {

		/**
		 * Time between two Health/Check calls to each downstream channel that has a
		 * health indicator; the contributor reports the latest answer.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration period = Duration.ofSeconds(10);

		/**
		 * Whether the grpcDownstream contributor counts in /actuator/health's own status,
		 * as Actuator counts every contributor by default, so that a DOWN downstream
		 * turns this application DOWN there. By default it shows in a group of its own
		 * instead.
		 */
		private boolean countsInRootStatus;

		/**
		 * Actuator health group that shows the grpcDownstream contributor while it does
		 * not count in the root status (/actuator/health/<group>); a group of that name
		 * that the application defines is left as it is.
		 */
		private String group = "downstream";

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public boolean isCountsInRootStatus() {
			return this.countsInRootStatus;
		}

		public void setCountsInRootStatus(boolean countsInRootStatus) {
			this.countsInRootStatus = countsInRootStatus;
		}

		public String getGroup() {
			return this.group;
		}

		public void setGroup(String group) {
			this.group = group;
		}

	}

}
