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
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of health-grpc's server interceptors
 * ({@code health-grpc.interceptors.*}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@ConfigurationProperties(HealthGrpcInterceptorsProperties.PREFIX)
public class HealthGrpcInterceptorsProperties implements Validator {

	/**
	 * Prefix of the interceptors' properties.
	 */
	public static final String PREFIX = "health-grpc.interceptors";

	private final Exceptions exceptions = new Exceptions();

	private final Deadlines deadlines = new Deadlines();

	public Exceptions getExceptions() {
		return this.exceptions;
	}

	public Deadlines getDeadlines() {
		return this.deadlines;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HealthGrpcInterceptorsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HealthGrpcInterceptorsProperties properties = (HealthGrpcInterceptorsProperties) target;
		if (properties.getExceptions().getMaxDescriptionLength() < 16) {
			errors.rejectValue("exceptions.max-description-length", "tooSmall", "must be at least 16");
		}
		rejectNegative(errors, "exceptions.retry-delay", properties.getExceptions().getRetryDelay());
		Deadlines deadlines = properties.getDeadlines();
		rejectNotPositive(errors, "deadlines.default-timeout", deadlines.getDefaultTimeout());
		rejectNotPositive(errors, "deadlines.max-timeout", deadlines.getMaxTimeout());
		rejectNegative(errors, "deadlines.min-time-remaining", deadlines.getMinTimeRemaining());
		deadlines.getMethods().forEach((name, method) -> {
			rejectNotPositive(errors, "deadlines.methods[" + name + "].default-timeout", method.getDefaultTimeout());
			rejectNotPositive(errors, "deadlines.methods[" + name + "].max-timeout", method.getMaxTimeout());
		});
	}

	static void rejectNotPositive(Errors errors, String field, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			errors.rejectValue(field, "notPositive", "must be positive");
		}
	}

	static void rejectNegative(Errors errors, String field, Duration value) {
		if (value != null && value.isNegative()) {
			errors.rejectValue(field, "negative", "must not be negative");
		}
	}

	/**
	 * Exceptions to statuses.
	 */
	public static class Exceptions {

		/**
		 * Whether to map exceptions that services throw to gRPC statuses.
		 */
		private boolean enabled = true;

		/**
		 * Fully qualified exception class name to gRPC status code (for example
		 * NOT_FOUND); the most specific type wins, and these entries win over the
		 * built-in table.
		 */
		private Map<String, String> mapping = new LinkedHashMap<>();

		/**
		 * ErrorInfo domain of the errors this service produces; defaults to
		 * spring.application.name.
		 */
		private String domain;

		/**
		 * Longest status description sent to a client; longer exception messages are cut.
		 */
		private int maxDescriptionLength = 256;

		/**
		 * RetryInfo delay sent with UNAVAILABLE, RESOURCE_EXHAUSTED and ABORTED.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration retryDelay = Duration.ofSeconds(1);

		/**
		 * Whether a status that a downstream call failed with, when a handler lets it
		 * propagate, reaches the caller with its description (cut to
		 * max-description-length) and trailers; by default only its code does.
		 */
		private boolean propagateDownstreamStatus;

		/**
		 * Whether a status that a downstream call failed with, when a handler lets it
		 * propagate, tells the caller not to retry (trailer grpc-retry-pushback-ms of -1,
		 * gRFC A6), so that retries at every hop of a chain do not multiply.
		 */
		private boolean downstreamRetryPushback = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Map<String, String> getMapping() {
			return this.mapping;
		}

		public void setMapping(Map<String, String> mapping) {
			this.mapping = mapping;
		}

		public String getDomain() {
			return this.domain;
		}

		public void setDomain(String domain) {
			this.domain = domain;
		}

		public int getMaxDescriptionLength() {
			return this.maxDescriptionLength;
		}

		public void setMaxDescriptionLength(int maxDescriptionLength) {
			this.maxDescriptionLength = maxDescriptionLength;
		}

		public Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		public boolean isPropagateDownstreamStatus() {
			return this.propagateDownstreamStatus;
		}

		public void setPropagateDownstreamStatus(boolean propagateDownstreamStatus) {
			this.propagateDownstreamStatus = propagateDownstreamStatus;
		}

		public boolean isDownstreamRetryPushback() {
			return this.downstreamRetryPushback;
		}

		public void setDownstreamRetryPushback(boolean downstreamRetryPushback) {
			this.downstreamRetryPushback = downstreamRetryPushback;
		}

	}

	/**
	 * Server-side deadlines.
	 */
	public static class Deadlines {

		/**
		 * Whether to enforce server-side deadlines.
		 */
		private boolean enabled = true;

		/**
		 * Deadline given to unary calls that arrive without one.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration defaultTimeout = Duration.ofSeconds(30);

		/**
		 * Longest deadline a call may have; longer ones are shortened. Unlimited when not
		 * set.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration maxTimeout;

		/**
		 * Calls that arrive with less time left are rejected with DEADLINE_EXCEEDED
		 * without running the handler.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.MILLIS)
		private Duration minTimeRemaining = Duration.ZERO;

		/**
		 * Per service ("pkg.Service") or method ("pkg.Service/Method"): overrides; a
		 * method's win over its service's. Streaming methods get deadlines only from
		 * here.
		 */
		private final Map<String, MethodDeadline> methods = new LinkedHashMap<>();

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

		public Duration getMaxTimeout() {
			return this.maxTimeout;
		}

		public void setMaxTimeout(Duration maxTimeout) {
			this.maxTimeout = maxTimeout;
		}

		public Duration getMinTimeRemaining() {
			return this.minTimeRemaining;
		}

		public void setMinTimeRemaining(Duration minTimeRemaining) {
			this.minTimeRemaining = minTimeRemaining;
		}

		public Map<String, MethodDeadline> getMethods() {
			return this.methods;
		}

	}

	/**
	 * Deadline overrides of one service or method.
	 */
	public static class MethodDeadline {

		/**
		 * Deadline given to calls that arrive without one.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration defaultTimeout;

		/**
		 * Longest deadline a call may have.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration maxTimeout;

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

		public Duration getMaxTimeout() {
			return this.maxTimeout;
		}

		public void setMaxTimeout(Duration maxTimeout) {
			this.maxTimeout = maxTimeout;
		}

	}

}
