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

package io.github.healthgrpc.reliability;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.healthgrpc.integration.HealthGrpcTestApplication;
import io.github.healthgrpc.integration.consul.ShopApplication;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS and mutual TLS with net.devh's {@code grpc.server.security.*} properties and
 * certificates made for the run: Check works for a client that trusts the CA, is refused
 * to one that does not or that has no certificate of the CA under mutual TLS, and the
 * Consul dev agent's GRPC check calls the TLS server (GRPCUseTLS follows
 * {@code grpc.server.security.enabled}), passing while it is SERVING and critical when it
 * is not.
 *
 * @author health-grpc authors
 */
class TlsReliabilityTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final String[] TRUST_PROPERTIES = { "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
			"javax.net.ssl.trustStoreType" };

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	static ConsulDevAgent agent;

	// TLS, registered at the agent
	static ConfigurableApplicationContext shop;

	// mutual TLS: client-auth=REQUIRE
	static ConfigurableApplicationContext mutual;

	static final Map<String, String> savedTrust = new LinkedHashMap<>();

	@BeforeAll
	static void start() throws Exception {
		certificates = TestCertificates.create(dir);
		// the dev agent's probe trusts the JVM's trust store, as Consul trusts its
		// ca_file: make it the test CA for this class
		for (String property : TRUST_PROPERTIES) {
			savedTrust.put(property, System.getProperty(property));
		}
		System.setProperty("javax.net.ssl.trustStore", certificates.trustStore().toString());
		System.setProperty("javax.net.ssl.trustStorePassword", TestCertificates.PASSWORD);
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
		agent = ConsulDevAgent.start();
		shop = run(ShopApplication.class, "spring.cloud.consul.enabled=true", "spring.cloud.consul.host=127.0.0.1",
				"spring.cloud.consul.port=" + agent.port(), "spring.application.name=shop", "test.instance=tls",
				"health-grpc.health.schedule.period=100ms", "health-grpc.consul.check.interval=1s",
				"health-grpc.consul.check.timeout=1s", "health-grpc.consul.registration.keeper-interval=200ms");
		mutual = run(HealthGrpcTestApplication.class,
				"grpc.server.security.trust-cert-collection=file:" + certificates.caCertificate(),
				"grpc.server.security.client-auth=REQUIRE");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { mutual, shop, agent }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// keep closing the others
			}
		}
		savedTrust.forEach((property, value) -> {
			if (value == null) {
				System.clearProperty(property);
			}
			else {
				System.setProperty(property, value);
			}
		});
	}

	@Test
	void aClientThatTrustsTheCaChecksOverTls() throws Exception {
		assertThat(check(shop, GrpcSslContexts.forClient().trustManager(certificates.caCertificate().toFile())))
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void aClientThatTrustsAnotherCaOrSpeaksPlaintextIsRefused() throws Exception {
		assertRefused(() -> check(shop,
				GrpcSslContexts.forClient().trustManager(certificates.strangerCertificate().toFile())));
		assertRefused(() -> check(shop, null));
		assertThat(check(shop, GrpcSslContexts.forClient().trustManager(certificates.caCertificate().toFile())))
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void underMutualTlsOnlyAClientWithACertificateFromTheCaGetsIn() throws Exception {
		assertThat(check(mutual,
				GrpcSslContexts.forClient()
					.trustManager(certificates.caCertificate().toFile())
					.keyManager(certificates.clientChain().toFile(), certificates.clientKey().toFile())))
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		// no certificate at all
		assertRefused(
				() -> check(mutual, GrpcSslContexts.forClient().trustManager(certificates.caCertificate().toFile())));
		// a certificate the CA did not sign
		assertRefused(() -> check(mutual,
				GrpcSslContexts.forClient()
					.trustManager(certificates.caCertificate().toFile())
					.keyManager(certificates.strangerCertificate().toFile(), certificates.strangerKey().toFile())));
	}

	@Test
	void consulsGrpcCheckCallsTheTlsServerPassingWhileServingAndCriticalWhenNot() {
		String check = "service:" + shop.getBean(ConsulAutoRegistration.class).getInstanceId();
		int port = shop.getBean(GrpcServerProperties.class).getPort();
		awaitCheck(check, "passing");
		assertThat(checkOutput(check)).isEqualTo("gRPC check 127.0.0.1:" + port + ": success");
		ShopApplication.Db db = shop.getBean(ShopApplication.Db.class);
		db.down();
		try {
			awaitCheck(check, "critical");
			assertThat(checkOutput(check)).endsWith("serving status: NOT_SERVING");
		}
		finally {
			db.up();
		}
		awaitCheck(check, "passing");
	}

	private static void awaitCheck(String check, String status) {
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(agent.checkStatus(check)).as(() -> checkOutput(check)).isEqualTo(status));
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... extra) {
		List<String> properties = new ArrayList<>(List.of("grpc.server.port=0", "grpc.server.address=127.0.0.1",
				"spring.main.web-application-type=none", "spring.main.banner-mode=off",
				"health-grpc.health.lifecycle.drain-delay=0", "grpc.server.security.enabled=true",
				"grpc.server.security.certificate-chain=file:" + certificates.serverChain(),
				"grpc.server.security.private-key=file:" + certificates.serverKey()));
		properties.addAll(List.of(extra));
		// command-line arguments win over the test class path's application.properties
		return new SpringApplicationBuilder(application)
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private static HealthCheckResponse.ServingStatus check(ConfigurableApplicationContext application,
			io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder ssl) throws Exception {
		int port = application.getBean(GrpcServerProperties.class).getPort();
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
		SslContext context = (ssl != null) ? ssl.build() : null;
		ManagedChannel channel = (context != null) ? builder.sslContext(context).build()
				: builder.usePlaintext().build();
		try {
			return HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus();
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static void assertRefused(ThrowingCall call) {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).as("%s", ex.getStatus())
				.isEqualTo(Status.Code.UNAVAILABLE));
	}

	private static String checkOutput(String checkId) {
		try {
			JsonNode checks = new ObjectMapper().readTree(agent.uri().resolve("/v1/agent/checks").toURL());
			return checks.path(checkId).path("Output").asText();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	interface ThrowingCall {

		void run() throws Exception;

	}

}
