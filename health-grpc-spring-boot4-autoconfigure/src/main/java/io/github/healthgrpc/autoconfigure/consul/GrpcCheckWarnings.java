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
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.consul.GrpcHealthCheck;

import org.springframework.lang.Nullable;

/**
 * Settings with which Consul's GRPC check cannot pass, or with which the drain at
 * shutdown is too short for Consul to see NOT_SERVING, said once at startup. On Spring
 * Boot 4.1, where the server's TLS comes from an SSL bundle, the TLS settings are
 * compared on or off only; the certificate's names and client authentication are checked
 * on the Spring Boot 3.5 line, where net.devh names the certificate file.
 *
 * @author health-grpc authors
 */
final class GrpcCheckWarnings {

	private static final String CHECK = GrpcCheckSettings.OWN;

	private static final String SERVER_SSL = "spring.grpc.server.ssl.enabled";

	private final boolean serverTls;

	@Nullable
	private final Duration drainDelay;

	/**
	 * Create the warnings.
	 * @param serverTls whether the gRPC server serves TLS
	 * @param drainDelay the drain delay at shutdown, or {@code null} without one
	 */
	GrpcCheckWarnings(boolean serverTls, @Nullable Duration drainDelay) {
		this.serverTls = serverTls;
		this.drainDelay = drainDelay;
	}

	/**
	 * Return what to warn about, one line each.
	 * @param check the registered check, or {@code null} for none
	 * @param host the host Consul's check dials
	 * @return the lines, none when all is well
	 */
	List<String> of(@Nullable GrpcHealthCheck check, String host) {
		List<String> warnings = new ArrayList<>();
		if (check == null) {
			return warnings;
		}
		List<String> never = new ArrayList<>();
		if (check.useTls() && !this.serverTls) {
			never.add(CHECK + "tls=true but the server serves plaintext (" + SERVER_SSL
					+ "): it calls a plaintext server over TLS");
		}
		if (!check.useTls() && this.serverTls) {
			never.add(CHECK + "tls=false but the server serves TLS (" + SERVER_SSL
					+ "): it calls a TLS server in plaintext");
		}
		if (!never.isEmpty()) {
			warnings.add("Consul's GRPC check of " + host + " cannot pass as configured: " + String.join("; ", never));
		}
		Duration needed = check.interval().plus(check.timeout());
		if (this.drainDelay != null && this.drainDelay.compareTo(needed) < 0) {
			warnings.add("health-grpc.health.lifecycle.drain-delay (" + this.drainDelay.toMillis()
					+ " ms) is shorter than " + CHECK + "interval + " + CHECK + "timeout (" + needed.toMillis()
					+ " ms): at shutdown Consul may remove the instance before its check saw NOT_SERVING");
		}
		return warnings;
	}

}
