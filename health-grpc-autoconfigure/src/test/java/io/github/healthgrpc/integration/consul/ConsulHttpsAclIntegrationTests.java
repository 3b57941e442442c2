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
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.integration.consul.ShopClientApplication.ShopClient;
import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import io.github.healthgrpc.test.tls.TestCertificates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against an agent that serves HTTPS only, wants a client certificate and enforces ACLs,
 * configured as Spring Cloud Consul is: Spring Cloud Consul registers and deregisters,
 * health-grpc's own client keeps the registration and watches health, and clients
 * discover the instance.
 *
 * @author health-grpc authors
 */
class ConsulHttpsAclIntegrationTests {

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
			List<String> secured = new ArrayList<>(List.of("spring.cloud.consul.scheme=https",
					"spring.cloud.consul.tls.key-store-instance-type=PKCS12",
					"spring.cloud.consul.tls.certificate-path=" + certificates.clientKeyStore(),
					"spring.cloud.consul.tls.certificate-password=" + certificates.password(),
					"spring.cloud.consul.tls.key-store-path=" + certificates.trustStore(),
					"spring.cloud.consul.tls.key-store-password=" + certificates.password(),
					tokenProperty + "=" + TOKEN));
			String[] settings = secured.toArray(String[]::new);
			String id;
			try (ConfigurableApplicationContext shop = ConsulApps.shop(agent.port(), "a", settings).run()) {
				id = ConsulApps.instanceId(shop);
				await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
				// lost by the agent: health-grpc's keeper, over the same TLS and with the
				// same
				// token, registers it again
				deregister(agent, certificates, id);
				await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
				try (ConfigurableApplicationContext client = ConsulApps.client(agent.port(), settings).run()) {
					ShopClient shopClient = client.getBean(ShopClient.class);
					await().atMost(PATIENCE).until(() -> "a".equals(shopClient.who()));
				}
			}
			// deregistered at shutdown, with the token: only the test's deregistration
			// and
			// the application's
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
