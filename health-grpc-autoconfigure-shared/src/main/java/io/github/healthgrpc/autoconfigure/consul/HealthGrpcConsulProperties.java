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

package io.github.healthgrpc.autoconfigure.consul;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of health-grpc's Consul integration ({@code health-grpc.consul.*}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@ConfigurationProperties(HealthGrpcConsulProperties.PREFIX)
public class HealthGrpcConsulProperties implements Validator {

	/**
	 * Prefix of the Consul properties.
	 */
	public static final String PREFIX = "health-grpc.consul";

	/**
	 * Whether to register the gRPC server with Consul (port metadata, GRPC check,
	 * gRPC-only applications too) and watch the health of discovered services.
	 */
	private boolean enabled = true;

	/**
	 * Whether the instance id is "name-address-port" when
	 * spring.cloud.consul.discovery.instance-id is not set, so that instances on one host
	 * never replace each other.
	 */
	private boolean uniqueInstanceId = true;

	private final Check check = new Check();

	private final Registration registration = new Registration();

	private final Discovery discovery = new Discovery();

	private final Agent agent = new Agent();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isUniqueInstanceId() {
		return this.uniqueInstanceId;
	}

	public void setUniqueInstanceId(boolean uniqueInstanceId) {
		this.uniqueInstanceId = uniqueInstanceId;
	}

	public Check getCheck() {
		return this.check;
	}

	public Registration getRegistration() {
		return this.registration;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Agent getAgent() {
		return this.agent;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HealthGrpcConsulProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HealthGrpcConsulProperties properties = (HealthGrpcConsulProperties) target;
		positive(errors, "check.interval", properties.getCheck().getInterval());
		positive(errors, "check.timeout", properties.getCheck().getTimeout());
		Duration after = properties.getCheck().getDeregisterCriticalServiceAfter();
		if (after != null && after.compareTo(Duration.ofMinutes(1)) < 0) {
			errors.rejectValue("check.deregister-critical-service-after", "tooShort",
					"must be at least 1m (Consul raises anything shorter to 1m)");
		}
		positive(errors, "registration.keeper-interval", properties.getRegistration().getKeeperInterval());
		positive(errors, "agent.request-timeout", properties.getAgent().getRequestTimeout());
		positive(errors, "agent.read-timeout", properties.getAgent().getReadTimeout());
		Duration wait = properties.getDiscovery().getWatchWait();
		if (wait == null || wait.compareTo(Duration.ofSeconds(1)) < 0 || wait.compareTo(Duration.ofMinutes(10)) > 0) {
			errors.rejectValue("discovery.watch-wait", "outOfRange", "must be between 1s and 10m");
		}
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "notPositive", "must be positive");
		}
	}

	/**
	 * The native GRPC check.
	 */
	public static class Check {

		/**
		 * Whether to register a GRPC check that calls grpc.health.v1.Health/Check. When
		 * not set, spring.cloud.consul.discovery.register-health-check.
		 */
		private boolean enabled = true;

		/**
		 * Health service name the check asks for; empty for the overall status.
		 */
		private String service = "";

		/**
		 * Time between two checks. Keep the drain delay at least this long plus the
		 * timeout, so that Consul sees NOT_SERVING before the instance is deregistered.
		 * When not set, spring.cloud.consul.discovery.health-check-interval if that is
		 * set.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration interval = Duration.ofSeconds(4);

		/**
		 * Time one check may take. When not set,
		 * spring.cloud.consul.discovery.health-check-timeout if that is set.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(1);

		/**
		 * How long the check may stay critical before Consul removes the instance (a
		 * crashed or killed one). At least 1m. When not set,
		 * spring.cloud.consul.discovery.health-check-critical-timeout if that is set.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration deregisterCriticalServiceAfter = Duration.ofMinutes(10);

		/**
		 * Whether Consul calls over TLS; by default, when grpc.server.security.enabled.
		 */
		private Boolean tls;

		/**
		 * Name Consul's check expects in the server's certificate and sends as SNI
		 * (Consul's TLSServerName); by default the address it dials.
		 */
		private String tlsServerName;

		/**
		 * Whether Consul's check skips verifying the server's certificate (Consul's
		 * TLSSkipVerify). When not set,
		 * spring.cloud.consul.discovery.health-check-tls-skip-verify if that is set.
		 */
		private boolean tlsSkipVerify;

		/**
		 * Whether Spring Cloud Consul's HTTP check of a web application stays next to the
		 * GRPC check; by default the GRPC check replaces it.
		 */
		private boolean keepHttpCheck;

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

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getDeregisterCriticalServiceAfter() {
			return this.deregisterCriticalServiceAfter;
		}

		public void setDeregisterCriticalServiceAfter(Duration deregisterCriticalServiceAfter) {
			this.deregisterCriticalServiceAfter = deregisterCriticalServiceAfter;
		}

		public Boolean getTls() {
			return this.tls;
		}

		public void setTls(Boolean tls) {
			this.tls = tls;
		}

		public String getTlsServerName() {
			return this.tlsServerName;
		}

		public void setTlsServerName(String tlsServerName) {
			this.tlsServerName = tlsServerName;
		}

		public boolean isTlsSkipVerify() {
			return this.tlsSkipVerify;
		}

		public void setTlsSkipVerify(boolean tlsSkipVerify) {
			this.tlsSkipVerify = tlsSkipVerify;
		}

		public boolean isKeepHttpCheck() {
			return this.keepHttpCheck;
		}

		public void setKeepHttpCheck(boolean keepHttpCheck) {
			this.keepHttpCheck = keepHttpCheck;
		}

	}

	/**
	 * Keeping the instance registered.
	 */
	public static class Registration {

		/**
		 * Whether to check that the agent still has the instance and register it again
		 * when not (unreachable at startup, or restarted since).
		 */
		private boolean keeperEnabled = true;

		/**
		 * Time between two such checks while the agent answers; retries back off up to
		 * 30s.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration keeperInterval = Duration.ofSeconds(10);

		public boolean isKeeperEnabled() {
			return this.keeperEnabled;
		}

		public void setKeeperEnabled(boolean keeperEnabled) {
			this.keeperEnabled = keeperEnabled;
		}

		public Duration getKeeperInterval() {
			return this.keeperInterval;
		}

		public void setKeeperInterval(Duration keeperInterval) {
			this.keeperInterval = keeperInterval;
		}

	}

	/**
	 * Discovery of other services.
	 */
	public static class Discovery {

		/**
		 * Whether each service that a discovery:/// client resolves is watched in Consul
		 * with a blocking health query, so that an instance turning critical or passing
		 * reaches the client within seconds.
		 */
		private boolean watchHealth = true;

		/**
		 * How long Consul may hold each blocking health query.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration watchWait = Duration.ofSeconds(30);

		public boolean isWatchHealth() {
			return this.watchHealth;
		}

		public void setWatchHealth(boolean watchHealth) {
			this.watchHealth = watchHealth;
		}

		public Duration getWatchWait() {
			return this.watchWait;
		}

		public void setWatchWait(Duration watchWait) {
			this.watchWait = watchWait;
		}

	}

	/**
	 * Talking to the Consul agent.
	 */
	public static class Agent {

		/**
		 * Longest time health-grpc's own calls to the agent may take, whole answers
		 * included (keeping the registration, deregistering at shutdown; a health watch
		 * query gets its wait on top), and the connect timeout of every call.
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration requestTimeout = Duration.ofSeconds(5);

		/**
		 * Longest time Spring Cloud Consul's calls wait for an answer through
		 * health-grpc's HTTP client. Keep it above the longest blocking query wait
		 * (Spring Cloud Consul Config watches wait 55s).
		 */
		@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private Duration readTimeout = Duration.ofSeconds(65);

		/**
		 * Whether Spring Cloud Consul talks to the agent through health-grpc's HTTP
		 * client (bounded timeouts, closed with the application) rather than consul-api's
		 * JVM-wide one (10 minutes read timeout, never closed).
		 */
		private boolean transportEnabled = true;

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public boolean isTransportEnabled() {
			return this.transportEnabled;
		}

		public void setTransportEnabled(boolean transportEnabled) {
			this.transportEnabled = transportEnabled;
		}

	}

}
