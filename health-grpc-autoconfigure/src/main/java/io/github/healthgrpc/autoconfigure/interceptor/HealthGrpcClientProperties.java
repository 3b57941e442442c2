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

	public Deadlines getDeadlines() {
		return this.deadlines;
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

}
