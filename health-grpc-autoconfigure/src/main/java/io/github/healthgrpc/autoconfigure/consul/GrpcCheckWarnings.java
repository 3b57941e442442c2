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

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.consul.CertificateNames;
import io.github.healthgrpc.consul.GrpcHealthCheck;
import net.devh.boot.grpc.server.config.ClientAuth;
import net.devh.boot.grpc.server.config.GrpcServerProperties;

import org.springframework.core.io.Resource;
import org.springframework.lang.Nullable;

/**
 * The settings with which Consul's GRPC check cannot pass, or may not, and a drain too
 * short for Consul to see NOT_SERVING: each found once at startup, and said in one WARN
 * line that names the properties.
 *
 * @author health-grpc authors
 */
final class GrpcCheckWarnings {

	private static final String CHECK = GrpcCheckSettings.OWN;

	private static final String SERVER = "grpc.server.security.";

	private final GrpcServerProperties.Security security;

	@Nullable
	private final Duration drainDelay;

	/**
	 * Create the warnings.
	 * @param security the gRPC server's TLS settings
	 * @param drainDelay the drain delay at shutdown, or {@code null} without one
	 */
	GrpcCheckWarnings(GrpcServerProperties.Security security, @Nullable Duration drainDelay) {
		this.security = security;
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
		if (check.useTls() && this.security.isEnabled() && this.security.getClientAuth() == ClientAuth.REQUIRE) {
			warnings.add(SERVER + "client-auth=REQUIRE: Consul's GRPC check of " + host
					+ " passes only if the agent presents a client certificate the server trusts (Consul's "
					+ "tls.defaults.enable_agent_tls_for_checks=true, with a certificate signed by a CA in " + SERVER
					+ "trust-cert-collection); otherwise it stays critical. client-auth=OPTIONAL lets it pass");
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
		if (check.useTls() && !this.security.isEnabled()) {
			problems.add(CHECK + "tls=true but " + SERVER + "enabled=false: it calls a plaintext server over TLS");
		}
		if (!check.useTls() && this.security.isEnabled()) {
			problems.add(CHECK + "tls=false but " + SERVER + "enabled=true: it calls a TLS server in plaintext");
		}
		if (!check.useTls() && (check.tlsServerName() != null || check.tlsSkipVerify())) {
			problems.add(CHECK + "tls-server-name and " + CHECK + "tls-skip-verify apply over TLS only, and " + CHECK
					+ "tls is false");
		}
		if (check.useTls() && this.security.isEnabled() && !check.tlsSkipVerify()) {
			String verified = (check.tlsServerName() != null) ? check.tlsServerName() : host;
			X509Certificate certificate = certificate(this.security.getCertificateChain());
			if (certificate != null && !CertificateNames.names(certificate, verified)) {
				problems.add("the server's certificate (" + SERVER + "certificate-chain) does not name " + verified
						+ " in its subjectAltName, the name the check verifies (" + CHECK
						+ "tls-server-name, by default the address it dials): add it to the certificate, or set "
						+ CHECK + "tls-server-name to a name the certificate carries");
			}
		}
		return problems;
	}

	@Nullable
	private static X509Certificate certificate(@Nullable Resource chain) {
		if (chain == null || !chain.exists()) {
			return null;
		}
		try (InputStream in = chain.getInputStream()) {
			Certificate first = CertificateFactory.getInstance("X.509").generateCertificate(in);
			return (first instanceof X509Certificate x509) ? x509 : null;
		}
		catch (IOException | GeneralSecurityException ex) {
			// the server reports a chain it cannot read itself
			return null;
		}
	}

}
