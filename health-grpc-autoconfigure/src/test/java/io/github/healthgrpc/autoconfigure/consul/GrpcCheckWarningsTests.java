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

import java.nio.file.Path;
import java.time.Duration;

import io.github.healthgrpc.consul.GrpcHealthCheck;
import io.github.healthgrpc.reliability.TestCertificates;
import net.devh.boot.grpc.server.config.ClientAuth;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings with which Consul's GRPC check cannot pass, or may not, are each said once,
 * naming the properties; settings that work say nothing.
 *
 * @author health-grpc authors
 */
class GrpcCheckWarningsTests {

	@TempDir
	static Path dir;

	// the server's certificate names 127.0.0.1 and localhost
	static TestCertificates certificates;

	@BeforeAll
	static void certificates() throws Exception {
		certificates = TestCertificates.create(dir);
	}

	@Test
	void aCheckThatCanPassSaysNothing() {
		assertThat(new GrpcCheckWarnings(plaintext(), Duration.ofSeconds(7)).of(check(false, null, false), "10.0.0.7"))
			.isEmpty();
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.OPTIONAL), null).of(check(true, null, false), "127.0.0.1"))
			.isEmpty();
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.NONE), null).of(check(true, "localhost", false), "10.0.0.7"))
			.isEmpty();
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.NONE), null).of(check(true, null, true), "10.0.0.7")).isEmpty();
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.NONE), Duration.ZERO).of(null, "10.0.0.7")).isEmpty();
	}

	@Test
	void tlsOnOneSideOnlyCannotPass() {
		assertThat(new GrpcCheckWarnings(plaintext(), null).of(check(true, null, false), "10.0.0.7"))
			.containsExactly("Consul's GRPC check of 10.0.0.7 cannot pass as configured: health-grpc.consul.check.tls="
					+ "true but grpc.server.security.enabled=false: it calls a plaintext server over TLS");
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.NONE), null).of(check(false, null, false), "127.0.0.1"))
			.singleElement()
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
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.NONE), null).of(check(true, null, false), "10.0.0.7"))
			.containsExactly("Consul's GRPC check of 10.0.0.7 cannot pass as configured: the server's certificate "
					+ "(grpc.server.security.certificate-chain) does not name 10.0.0.7 in its subjectAltName, the name "
					+ "the check verifies (health-grpc.consul.check.tls-server-name, by default the address it dials): "
					+ "add it to the certificate, or set health-grpc.consul.check.tls-server-name to a name the "
					+ "certificate carries");
		assertThat(
				new GrpcCheckWarnings(tls(ClientAuth.NONE), null).of(check(true, "shop.internal", false), "127.0.0.1"))
			.singleElement()
			.asString()
			.contains("does not name shop.internal");
	}

	@Test
	void requiredClientCertificatesAreNamedAsAConditionOfPassing() {
		assertThat(new GrpcCheckWarnings(tls(ClientAuth.REQUIRE), null).of(check(true, null, false), "127.0.0.1"))
			.singleElement()
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

	private static GrpcServerProperties.Security plaintext() {
		return new GrpcServerProperties.Security();
	}

	private static GrpcServerProperties.Security tls(ClientAuth clientAuth) {
		GrpcServerProperties.Security security = new GrpcServerProperties.Security();
		security.setEnabled(true);
		security.setCertificateChain(new FileSystemResource(certificates.serverChain()));
		security.setClientAuth(clientAuth);
		return security;
	}

}
