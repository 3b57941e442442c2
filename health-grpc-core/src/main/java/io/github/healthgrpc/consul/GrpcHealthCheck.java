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

package io.github.healthgrpc.consul;

import java.time.Duration;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * The native Consul GRPC check that health-grpc registers: Consul calls
 * {@code grpc.health.v1.Health/Check} on the instance every interval and marks it passing
 * while the answer is SERVING, critical otherwise.
 *
 * @param service the health service name the check asks for ({@code ""}: the overall
 * status)
 * @param interval time between two checks
 * @param timeout time one check may take
 * @param deregisterCriticalServiceAfter how long the check may stay critical before
 * Consul removes the instance, or {@code null} for never
 * @param useTls whether Consul calls over TLS
 * @param tlsServerName the name Consul expects in the server's certificate and sends as
 * SNI ({@code TLSServerName}), or {@code null} for the address it dials
 * @param tlsSkipVerify whether Consul skips verifying the server's certificate
 * ({@code TLSSkipVerify})
 * @author health-grpc authors
 * @since 0.1.0
 */
public record GrpcHealthCheck(String service, Duration interval, Duration timeout,
		@Nullable Duration deregisterCriticalServiceAfter, boolean useTls, @Nullable String tlsServerName,
		boolean tlsSkipVerify) {

	/**
	 * Check the settings.
	 * @param service the health service name the check asks for
	 * @param interval time between two checks
	 * @param timeout time one check may take
	 * @param deregisterCriticalServiceAfter when Consul removes a critical instance
	 * @param useTls whether Consul calls over TLS
	 * @param tlsServerName the name Consul expects in the certificate, or {@code null}
	 * @param tlsSkipVerify whether Consul skips verifying the certificate
	 */
	public GrpcHealthCheck {
		Assert.notNull(service, "'service' must not be null");
		Assert.isTrue(interval != null && !interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		tlsServerName = (tlsServerName != null && !tlsServerName.isBlank()) ? tlsServerName.strip() : null;
	}

	/**
	 * Create a check over plaintext or TLS with Consul's default verification.
	 * @param service the health service name the check asks for
	 * @param interval time between two checks
	 * @param timeout time one check may take
	 * @param deregisterCriticalServiceAfter when Consul removes a critical instance
	 * @param useTls whether Consul calls over TLS
	 */
	public GrpcHealthCheck(String service, Duration interval, Duration timeout,
			@Nullable Duration deregisterCriticalServiceAfter, boolean useTls) {
		this(service, interval, timeout, deregisterCriticalServiceAfter, useTls, null, false);
	}

	/**
	 * Return Consul's check definition for an instance reachable at {@code host:port}.
	 * @param host the host Consul dials
	 * @param port the gRPC port
	 * @return the check: {@code GRPC} is {@code host:port} or {@code host:port/service}
	 */
	public CheckDefinition toCheck(String host, int port) {
		CheckDefinition check = new CheckDefinition();
		if (this.useTls) {
			check.setTlsServerName(this.tlsServerName);
		}
		String address = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		check.setGrpc(address + ":" + port + (this.service.isEmpty() ? "" : "/" + this.service));
		check.setGrpcUseTls(this.useTls);
		if (this.useTls && this.tlsSkipVerify) {
			check.setTlsSkipVerify(true);
		}
		check.setInterval(GoDuration.format(this.interval));
		check.setTimeout(GoDuration.format(this.timeout));
		if (this.deregisterCriticalServiceAfter != null) {
			check.setDeregisterCriticalServiceAfter(GoDuration.format(this.deregisterCriticalServiceAfter));
		}
		return check;
	}

}
