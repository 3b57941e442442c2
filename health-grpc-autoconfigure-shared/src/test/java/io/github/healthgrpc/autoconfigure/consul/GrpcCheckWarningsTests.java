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

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.github.healthgrpc.consul.GrpcHealthCheck;
import io.github.healthgrpc.server.ServerTls;
import io.github.healthgrpc.test.tls.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings with which Consul's GRPC check cannot pass, or may not, are each said once,
 * naming the properties (here the Spring Boot 3.5 line's, as its adapter names them);
 * settings that work say nothing. The same on both lines.
 *
 * @author health-grpc authors
 */
class GrpcCheckWarningsTests {

	// the server's certificate names 127.0.0.1 and localhost
	static X509Certificate certificate;

	@BeforeAll
	static void certificate() throws Exception {
		TestCertificates certificates = TestCertificates.shared();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
			store.load(in, certificates.password().toCharArray());
		}
		certificate = (X509Certificate) store.getCertificate("server");
	}

	@Test
	void aCheckThatCanPassSaysNothing() {
		assertThat(new GrpcCheckWarnings(plaintext(), Duration.ofSeconds(7)).of(check(false, null, false), "10.0.0.7"))
			.isEmpty();
		assertThat(new GrpcCheckWarnings(tls(false), null).of(check(true, null, false), "127.0.0.1")).isEmpty();
		assertThat(new GrpcCheckWarnings(tls(false), null).of(check(true, "localhost", false), "10.0.0.7")).isEmpty();
		assertThat(new GrpcCheckWarnings(tls(false), null).of(check(true, null, true), "10.0.0.7")).isEmpty();
		assertThat(new GrpcCheckWarnings(tls(false), Duration.ZERO).of(null, "10.0.0.7")).isEmpty();
	}

	@Test
	void tlsOnOneSideOnlyCannotPass() {
		assertThat(new GrpcCheckWarnings(plaintext(), null).of(check(true, null, false), "10.0.0.7"))
			.containsExactly("Consul's GRPC check of 10.0.0.7 cannot pass as configured: health-grpc.consul.check.tls="
					+ "true but grpc.server.security.enabled=false: it calls a plaintext server over TLS");
		assertThat(new GrpcCheckWarnings(tls(false), null).of(check(false, null, false), "127.0.0.1")).singleElement()
			.asString()
			.contains("health-grpc.consul.check.tls=false but grpc.server.security.enabled=true");
		assertThat(new GrpcCheckWarnings(plaintext(), null).of(check(false, "shop.internal", false), "10.0.0.7"))
			.singleElement()
			.asString()
			.contains("health-grpc.consul.check.tls-server-name and health-grpc.consul.check.tls-skip-verify apply "
					+ "over TLS only");
	}

	@Test
	void aCertificateThatDoesNotNameTheDialedAddressCannotPass() {
		assertThat(new GrpcCheckWarnings(tls(false), null).of(check(true, null, false), "10.0.0.7"))
			.containsExactly("Consul's GRPC check of 10.0.0.7 cannot pass as configured: the server's certificate "
					+ "(grpc.server.security.certificate-chain) does not name 10.0.0.7 in its subjectAltName, the name "
					+ "the check verifies (health-grpc.consul.check.tls-server-name, by default the address it dials): "
					+ "add it to the certificate, or set health-grpc.consul.check.tls-server-name to a name the "
					+ "certificate carries");
		assertThat(new GrpcCheckWarnings(tls(false), null).of(check(true, "shop.internal", false), "127.0.0.1"))
			.singleElement()
			.asString()
			.contains("does not name shop.internal");
	}

	@Test
	void requiredClientCertificatesAreNamedAsAConditionOfPassing() {
		assertThat(new GrpcCheckWarnings(tls(true), null).of(check(true, null, false), "127.0.0.1")).singleElement()
			.asString()
			.startsWith("grpc.server.security.client-auth=REQUIRE: Consul's GRPC check of 127.0.0.1 passes only if")
			.contains("enable_agent_tls_for_checks");
	}

	@Test
	void aDrainShorterThanIntervalPlusTimeoutIsWarnedAbout() {
		GrpcHealthCheck check = check(false, null, false);
		assertThat(new GrpcCheckWarnings(plaintext(), Duration.ofMillis(6999)).of(check, "10.0.0.7"))
			.containsExactly("health-grpc.health.lifecycle.drain-delay (6999 ms) is shorter than "
					+ "health-grpc.consul.check.interval + health-grpc.consul.check.timeout (7000 ms): at shutdown "
					+ "Consul may remove the instance before its check saw NOT_SERVING");
	}

	private static GrpcHealthCheck check(boolean tls, String serverName, boolean skipVerify) {
		return new GrpcHealthCheck("", Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(10), tls,
				serverName, skipVerify);
	}

	private static ServerTls plaintext() {
		return server(false, false);
	}

	private static ServerTls tls(boolean clientCertificateRequired) {
		return server(true, clientCertificateRequired);
	}

	private static ServerTls server(boolean enabled, boolean clientCertificateRequired) {
		return new ServerTls(enabled, "grpc.server.security.enabled", certificate,
				"grpc.server.security.certificate-chain", clientCertificateRequired, "grpc.server.security.client-auth",
				"grpc.server.security.trust-cert-collection");
	}

}
