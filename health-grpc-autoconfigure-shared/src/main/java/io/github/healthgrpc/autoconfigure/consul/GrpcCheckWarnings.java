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

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.consul.CertificateNames;
import io.github.healthgrpc.consul.GrpcHealthCheck;
import io.github.healthgrpc.server.ServerTls;

import org.springframework.lang.Nullable;

/**
 * The settings with which Consul's GRPC check cannot pass, or may not, and a drain too
 * short for Consul to see NOT_SERVING: each found once at startup, and said in one WARN
 * line that names the properties, the integration's own for the server's TLS
 * ({@link ServerTls}).
 *
 * @author health-grpc authors
 */
final class GrpcCheckWarnings {

	private static final String CHECK = GrpcCheckSettings.OWN;

	private final ServerTls tls;

	@Nullable
	private final Duration drainDelay;

	/**
	 * Create the warnings.
	 * @param tls the gRPC server's TLS settings
	 * @param drainDelay the drain delay at shutdown, or {@code null} without one
	 */
	GrpcCheckWarnings(ServerTls tls, @Nullable Duration drainDelay) {
		this.tls = tls;
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
		List<String> never = tlsProblems(check, host);
		if (!never.isEmpty()) {
			warnings.add("Consul's GRPC check of " + host + " cannot pass as configured: " + String.join("; ", never));
		}
		if (check.useTls() && this.tls.enabled() && this.tls.clientCertificateRequired()) {
			warnings.add(this.tls.clientAuthProperty() + "=REQUIRE: Consul's GRPC check of " + host
					+ " passes only if the agent presents a client certificate the server trusts (Consul's "
					+ "tls.defaults.enable_agent_tls_for_checks=true, with a certificate signed by a CA in "
					+ this.tls.trustProperty() + "); otherwise it stays critical. client-auth=OPTIONAL lets it pass");
		}
		Duration needed = check.interval().plus(check.timeout());
		if (this.drainDelay != null && this.drainDelay.compareTo(needed) < 0) {
			warnings.add("health-grpc.health.lifecycle.drain-delay (" + this.drainDelay.toMillis()
					+ " ms) is shorter than " + CHECK + "interval + " + CHECK + "timeout (" + needed.toMillis()
					+ " ms): at shutdown Consul may remove the instance before its check saw NOT_SERVING");
		}
		return warnings;
	}

	private List<String> tlsProblems(GrpcHealthCheck check, String host) {
		List<String> problems = new ArrayList<>();
		String enabled = this.tls.enabledProperty();
		if (check.useTls() && !this.tls.enabled()) {
			problems.add(CHECK + "tls=true but " + enabled + "=false: it calls a plaintext server over TLS");
		}
		if (!check.useTls() && this.tls.enabled()) {
			problems.add(CHECK + "tls=false but " + enabled + "=true: it calls a TLS server in plaintext");
		}
		if (!check.useTls() && (check.tlsServerName() != null || check.tlsSkipVerify())) {
			problems.add(CHECK + "tls-server-name and " + CHECK + "tls-skip-verify apply over TLS only, and " + CHECK
					+ "tls is false");
		}
		if (check.useTls() && this.tls.enabled() && !check.tlsSkipVerify()) {
			String verified = (check.tlsServerName() != null) ? check.tlsServerName() : host;
			X509Certificate certificate = this.tls.certificate();
			if (certificate != null && !CertificateNames.names(certificate, verified)) {
				problems.add("the server's certificate (" + this.tls.certificateProperty() + ") does not name "
						+ verified + " in its subjectAltName, the name the check verifies (" + CHECK
						+ "tls-server-name, by default the address it dials): add it to the certificate, or set "
						+ CHECK + "tls-server-name to a name the certificate carries");
			}
		}
		return problems;
	}

}
