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

package io.github.healthgrpc.test.consul;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import com.ecwid.consul.transport.TLSConfig;
import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.agent.model.NewService;
import io.github.healthgrpc.test.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The dev agent's HTTPS: a client that trusts the test CA talks to it, one that does not
 * is refused, and with {@code verify_incoming} only clients with a certificate get in.
 *
 * @author health-grpc authors
 */
class ConsulDevAgentHttpsTests {

	private static final TestCertificates certificates = TestCertificates.shared();

	@Test
	void aClientTrustingTheCaTalksToItOverHttps() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.builder().https(certificates.serverContext()).start()) {
			assertThat(agent.uri().getScheme()).isEqualTo("https");
			assertThat(ConsulEndpoint.of(agent).uri()).isEqualTo(agent.uri());
			HttpResponse<String> answer = get(certificates.trustingContext(), agent.uri().resolve("/v1/status/leader"));
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("\"127.0.0.1:8300\"");
			// by name too: the certificate names localhost as well as 127.0.0.1
			URI byName = URI.create("https://localhost:" + agent.port() + "/v1/status/leader");
			assertThat(get(certificates.trustingContext(), byName).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aClientThatDoesNotTrustTheCaIsRefused() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.builder().https(certificates.serverContext()).start()) {
			assertThatExceptionOfType(SSLHandshakeException.class)
				.isThrownBy(() -> get(SSLContext.getDefault(), agent.uri().resolve("/v1/status/leader")));
			// nor does it answer plain HTTP on that port
			URI plain = URI.create("http://127.0.0.1:" + agent.port() + "/v1/status/leader");
			assertThat(statusOrFailure(SSLContext.getDefault(), plain)).isNotEqualTo(200);
		}
	}

	@Test
	void withVerifyIncomingOnlyClientsPresentingACertificateGetIn() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.builder()
			.https(certificates.serverContext())
			.requireClientCertificates(true)
			.start()) {
			URI leader = agent.uri().resolve("/v1/status/leader");
			assertThat(get(certificates.clientContext(), leader).statusCode()).isEqualTo(200);
			assertThat(statusOrFailure(certificates.trustingContext(), leader)).isEqualTo(-1);
		}
	}

	@Test
	void consulApiRegistersOverHttpsAsSpringCloudConsulConfiguresIt() {
		try (ConsulDevAgent agent = ConsulDevAgent.builder().https(certificates.serverContext()).start()) {
			// spring.cloud.consul.tls.*: the client key store and the trust store
			TLSConfig tls = new TLSConfig(TLSConfig.KeyStoreInstanceType.PKCS12,
					certificates.clientKeyStore().toString(), certificates.password(),
					certificates.trustStore().toString(), certificates.password());
			ConsulClient client = new ConsulClient("https://127.0.0.1", agent.port(), tls);
			NewService service = new NewService();
			service.setId("tls-1");
			service.setName("tls");
			client.agentServiceRegister(service, "");
			assertThat(agent.isRegistered("tls-1")).isTrue();
		}
	}

	@Test
	void theStandaloneAgentMakesCertificatesAndServesHttpsOnConsulsHttpsPort(@TempDir Path directory) {
		DevAgentCommandLine line = DevAgentCommandLine.parse("--port=0",
				"--https-certificates=" + directory.resolve("certs"), "--verify-incoming");
		assertThat(line.environment()).contains("CONSUL_CACERT=" + directory.resolve("certs/ca.pem"));
		try (ConsulDevAgent agent = line.builder().start()) {
			assertThat(agent.scheme()).isEqualTo("https");
		}
		assertThat(DevAgentCommandLine
			.parse("--https-keystore=" + certificates.serverKeyStore(),
					"--https-keystore-password=" + certificates.password())
			.environment()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--https-keystore=/nowhere"))
			.withMessageContaining("--https-keystore=/nowhere");
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--verbose"))
			.withMessageContaining("Unknown argument --verbose");
	}

	@Test
	void theStandaloneAgentDefaultsToConsulsPorts() {
		assertThat(List.of(DevAgentCommandLine.parse().builder(),
				DevAgentCommandLine
					.parse("--https-keystore=" + certificates.serverKeyStore(),
							"--https-keystore-password=" + certificates.password())
					.builder()))
			.extracting(ConsulDevAgent.Builder::port)
			.containsExactly(8500, 8501);
	}

	private static HttpResponse<String> get(SSLContext context, URI uri) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
		return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int statusOrFailure(SSLContext context, URI uri) throws InterruptedException {
		try {
			return get(context, uri).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
