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

import io.github.healthgrpc.consul.GoDuration;
import io.github.healthgrpc.consul.GrpcHealthCheck;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/**
 * The GRPC check as configured through health-grpc's properties and Spring Cloud Consul's
 * own check properties: health-grpc's property wins when both are set, Spring Cloud
 * Consul's applies when only it is set, and one that cannot apply to a GRPC check fails
 * startup with a message that names it.
 *
 * @author health-grpc authors
 */
final class GrpcCheckSettings {

	static final String SPRING = ConsulDiscoveryProperties.PREFIX + ".";

	static final String OWN = HealthGrpcConsulProperties.PREFIX + ".check.";

	// Spring Cloud Consul 4.3's defaults, to tell a value set in code from none
	private static final String SPRING_DEFAULT_INTERVAL = "10s";

	private static final String SPRING_DEFAULT_PATH = "/actuator/health";

	private final HealthGrpcConsulProperties.Check own;

	private final ConsulDiscoveryProperties spring;

	private final boolean heartbeat;

	private final Binder binder;

	/**
	 * Create the settings.
	 * @param own health-grpc's check properties
	 * @param spring Spring Cloud Consul's discovery properties
	 * @param heartbeat whether Spring Cloud Consul's TTL heartbeat is enabled
	 * @param binder the environment, to tell which properties are set
	 */
	GrpcCheckSettings(HealthGrpcConsulProperties.Check own, ConsulDiscoveryProperties spring, boolean heartbeat,
			Binder binder) {
		this.own = own;
		this.spring = spring;
		this.heartbeat = heartbeat;
		this.binder = binder;
	}

	/**
	 * Return the GRPC check to register, or {@code null} for none.
	 * @param serverTls whether the gRPC server uses TLS
	 * @return the check
	 * @throws InvalidConfigurationPropertyValueException when a Spring Cloud Consul check
	 * property cannot apply
	 */
	@Nullable
	GrpcHealthCheck check(boolean serverTls) {
		if (!enabled()) {
			return null;
		}
		refuseHeartbeat();
		refuseHttpOnlySettings();
		Duration interval = isSet(OWN + "interval") ? this.own.getInterval()
				: springDuration("health-check-interval", this.spring.getHealthCheckInterval(),
						!SPRING_DEFAULT_INTERVAL.equals(this.spring.getHealthCheckInterval()), this.own.getInterval());
		Duration timeout = isSet(OWN + "timeout") ? this.own.getTimeout()
				: springDuration("health-check-timeout", this.spring.getHealthCheckTimeout(),
						this.spring.getHealthCheckTimeout() != null, this.own.getTimeout());
		boolean skipVerify = (isSet(OWN + "tls-skip-verify") || this.spring.getHealthCheckTlsSkipVerify() == null)
				? this.own.isTlsSkipVerify() : this.spring.getHealthCheckTlsSkipVerify();
		boolean tls = (this.own.getTls() != null) ? this.own.getTls() : serverTls;
		return new GrpcHealthCheck(this.own.getService(), interval, timeout, deregisterCriticalServiceAfter(), tls,
				this.own.getTlsServerName(), skipVerify);
	}

	/**
	 * Return how long Consul lets the instance's check stay critical before it removes
	 * the instance, or {@code null} for never.
	 * @return the time
	 */
	@Nullable
	Duration deregisterCriticalServiceAfter() {
		if (!enabled()) {
			// Spring Cloud Consul's own check, if any, carries its critical timeout
			return StringUtils.hasText(this.spring.getHealthCheckCriticalTimeout()) ? springDuration(
					"health-check-critical-timeout", this.spring.getHealthCheckCriticalTimeout(), true, null) : null;
		}
		return isSet(OWN + "deregister-critical-service-after") ? this.own.getDeregisterCriticalServiceAfter()
				: atLeastAMinute(
						springDuration("health-check-critical-timeout", this.spring.getHealthCheckCriticalTimeout(),
								StringUtils.hasText(this.spring.getHealthCheckCriticalTimeout()),
								this.own.getDeregisterCriticalServiceAfter()));
	}

	private boolean enabled() {
		return isSet(OWN + "enabled") ? this.own.isEnabled() : this.spring.isRegisterHealthCheck();
	}

	private void refuseHeartbeat() {
		if (!this.heartbeat) {
			return;
		}
		String property = SPRING + "heartbeat.enabled";
		if (this.own.isKeepHttpCheck()) {
			throw new InvalidConfigurationPropertyValueException(property, true, "with " + OWN
					+ "keep-http-check=true, Spring Cloud Consul's TTL check is registered next to the GRPC check as "
					+ "service:<id>:1, and its heartbeats, sent to service:<id>, never reach it: it stays critical. "
					+ "Keep one of them: " + OWN + "enabled=false for the TTL check alone, or remove " + property);
		}
		throw new InvalidConfigurationPropertyValueException(property, true,
				"the TTL check it heartbeats is replaced by health-grpc's GRPC check. Keep one of them: " + OWN
						+ "enabled=false for the TTL check, or remove " + property);
	}

	private void refuseHttpOnlySettings() {
		if (this.own.isKeepHttpCheck()) {
			return;
		}
		refuseHttpOnly("health-check-path", this.spring.getHealthCheckPath(),
				isSet(SPRING + "health-check-path") || !SPRING_DEFAULT_PATH.equals(this.spring.getHealthCheckPath()));
		refuseHttpOnly("health-check-url", this.spring.getHealthCheckUrl(),
				StringUtils.hasText(this.spring.getHealthCheckUrl()));
		refuseHttpOnly("health-check-headers", this.spring.getHealthCheckHeaders(),
				this.spring.getHealthCheckHeaders() != null && !this.spring.getHealthCheckHeaders().isEmpty());
	}

	private void refuseHttpOnly(String name, Object value, boolean set) {
		if (set) {
			throw new InvalidConfigurationPropertyValueException(SPRING + name, value,
					"it applies to Spring Cloud Consul's HTTP check, which health-grpc's GRPC check replaces. Set "
							+ OWN + "keep-http-check=true to keep the HTTP check next to the GRPC check, " + OWN
							+ "enabled=false for the HTTP check alone, or remove " + SPRING + name);
		}
	}

	private Duration springDuration(String name, @Nullable String value, boolean set, @Nullable Duration otherwise) {
		if (!set && !isSet(SPRING + name)) {
			return otherwise;
		}
		Duration duration = parse(SPRING + name, value);
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidConfigurationPropertyValueException(SPRING + name, value, "must be positive");
		}
		return duration;
	}

	private Duration atLeastAMinute(Duration after) {
		if (after != null && after.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new InvalidConfigurationPropertyValueException(SPRING + "health-check-critical-timeout",
					this.spring.getHealthCheckCriticalTimeout(),
					"must be at least 1m (Consul raises anything shorter to 1m); it applies to the GRPC check unless "
							+ OWN + "deregister-critical-service-after is set");
		}
		return after;
	}

	private static Duration parse(String name, @Nullable String value) {
		try {
			return GoDuration.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(name, value, ex.getMessage());
		}
	}

	private boolean isSet(String name) {
		return this.binder.bind(name, Bindable.of(String.class)).isBound();
	}

}
