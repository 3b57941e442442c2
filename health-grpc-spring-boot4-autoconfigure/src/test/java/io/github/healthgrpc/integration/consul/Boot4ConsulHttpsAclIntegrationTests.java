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

package io.github.healthgrpc.integration.consul;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import io.github.healthgrpc.test.tls.TestCertificates;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On Spring Boot 4.1, against an agent that serves HTTPS only, wants a client certificate
 * and enforces ACLs, configured as Spring Cloud Consul 5.0 is: Spring Cloud Consul
 * registers and deregisters, health-grpc's own client keeps the registration (after the
 * agent lost it) and watches health, and a {@code discovery:///} channel finds the
 * instance. As {@code ConsulHttpsAclIntegrationTests} on Spring Boot 3.5.
 *
 * @author health-grpc authors
 */
class Boot4ConsulHttpsAclIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String TOKEN = "2f1e0b7c-health-grpc";

	@ParameterizedTest
	@ValueSource(strings = { "spring.cloud.consul.token", "spring.cloud.consul.discovery.acl-token" })
	void overHttpsWithATokenTheInstanceIsRegisteredKeptDiscoveredAndDeregistered(String tokenProperty)
			throws Exception {
		TestCertificates certificates = TestCertificates.shared();
		try (ConsulDevAgent agent = ConsulDevAgent.builder()
			.https(certificates.serverContext())
			.requireClientCertificates(true)
			.aclToken(TOKEN)
			.start()) {
			String[] secured = { "spring.cloud.consul.scheme=https",
					"spring.cloud.consul.tls.key-store-instance-type=PKCS12",
					"spring.cloud.consul.tls.certificate-path=" + certificates.clientKeyStore(),
					"spring.cloud.consul.tls.certificate-password=" + certificates.password(),
					"spring.cloud.consul.tls.key-store-path=" + certificates.trustStore(),
					"spring.cloud.consul.tls.key-store-password=" + certificates.password(),
					tokenProperty + "=" + TOKEN };
			String id;
			try (ConfigurableApplicationContext shop = Boot4ShopApplication.shop(agent.uri(), "one", secured)) {
				id = "shop-127-0-0-1-" + Boot4ConsulIntegrationTests.port(shop);
				await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
				// lost by the agent: health-grpc's keeper, over the same TLS and with the
				// same token, registers it again
				deregister(agent, certificates, id);
				await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
				try (ConfigurableApplicationContext client = Boot4ShopApplication.client(agent.uri(), secured)) {
					ManagedChannel channel = client.getBean(GrpcChannelFactory.class)
						.createChannel("discovery:///shop");
					try {
						await().atMost(PATIENCE)
							.until(() -> "one".equals(EchoGrpc.newBlockingStub(channel)
								.withDeadlineAfter(5, TimeUnit.SECONDS)
								.echo(EchoRequest.getDefaultInstance())
								.getText()));
					}
					finally {
						channel.shutdownNow();
					}
				}
			}
			// deregistered at shutdown, with the token: only the test's deregistration
			// and the application's
			assertThat(agent.isRegistered(id)).isFalse();
			assertThat(agent.history()).filteredOn((event) -> event.id().equals(id))
				.extracting(AgentEvent::type)
				.containsExactly(AgentEvent.Type.REGISTERED, AgentEvent.Type.DEREGISTERED, AgentEvent.Type.REGISTERED,
						AgentEvent.Type.DEREGISTERED);
		}
	}

	private static void deregister(ConsulDevAgent agent, TestCertificates certificates, String id) throws Exception {
		HttpResponse<String> response = HttpClient.newBuilder()
			.sslContext(certificates.clientContext())
			.build()
			.send(HttpRequest.newBuilder(agent.uri().resolve("/v1/agent/service/deregister/" + id))
				.header("X-Consul-Token", TOKEN)
				.PUT(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
