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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.healthgrpc.client.discovery.DiscoveryNameResolverProvider;
import io.github.healthgrpc.consul.ConsulHealthWatch;
import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consul on Spring Boot 4.1 (Spring Boot's gRPC server, Spring Cloud Consul 5.0) against
 * the dev agent: what another Consul client sees of a gRPC-only application, its GRPC
 * check following the application's health, deregistration after the drain, and a
 * {@code discovery:///} channel moving off an instance that turns NOT_SERVING.
 *
 * @author health-grpc authors
 */
class Boot4ConsulIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aGrpcOnlyApplicationIsRegisteredWithItsBoundPortAndANativeGrpcCheck() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext shop = Boot4ShopApplication.shop(agent.uri(), "one")) {
			int port = port(shop);
			String id = "shop-127-0-0-1-" + port;
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered(id));
			JsonNode service = get(agent.uri(), "/v1/agent/service/" + id);
			assertThat(service.get("Service").asText()).isEqualTo("shop");
			assertThat(service.get("Address").asText()).isEqualTo("127.0.0.1");
			assertThat(service.get("Port").asInt()).isEqualTo(port);
			assertThat(service.get("Meta").get("gRPC_port").asText()).isEqualTo(Integer.toString(port));
			JsonNode checks = get(agent.uri(), "/v1/agent/checks");
			// the GRPC check alone: a gRPC-only application has no HTTP endpoint to check
			assertThat(checks.size()).isOne();
			JsonNode check = checks.get("service:" + id);
			assertThat(check.get("Type").asText()).isEqualTo("grpc");
			assertThat(check.get("Interval").asText()).isEqualTo("1s");
			assertThat(check.get("Timeout").asText()).isEqualTo("500ms");
			// passing as another Consul client asks for it
			await().atMost(Duration.ofSeconds(5))
				.until(() -> get(agent.uri(), "/v1/health/service/shop?passing=true").size() == 1);
		}
	}

	@Test
	void theCheckTurnsCriticalWhenTheApplicationIsNotServingAndTheInstanceLeavesAfterTheDrain() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConfigurableApplicationContext shop = Boot4ShopApplication.shop(agent.uri(), "one");
			String check = "service:shop-127-0-0-1-" + port(shop);
			String id = check.substring("service:".length());
			await().atMost(Duration.ofSeconds(5)).until(() -> "passing".equals(agent.checkStatus(check)));
			shop.getBean(Boot4ShopApplication.Db.class).status.set(Status.DOWN);
			// schedule period (100 ms) + check interval (1 s) + timeout, with room
			await().atMost(Duration.ofSeconds(5)).until(() -> "critical".equals(agent.checkStatus(check)));
			shop.getBean(Boot4ShopApplication.Db.class).status.set(Status.UP);
			await().atMost(Duration.ofSeconds(5)).until(() -> "passing".equals(agent.checkStatus(check)));
			// close: NOT_SERVING first, then the drain (1.5 s) while still registered,
			// and
			// only then the deregistration
			CompletableFuture<Void> closed = CompletableFuture.runAsync(shop::close);
			await().atMost(Duration.ofSeconds(5)).until(() -> "critical".equals(agent.checkStatus(check)));
			assertThat(agent.isRegistered(id)).isTrue();
			closed.get(20, TimeUnit.SECONDS);
			assertThat(agent.isRegistered(id)).isFalse();
			assertThat(agent.history().stream().filter((event) -> event.type() == AgentEvent.Type.DEREGISTERED))
				.hasSize(1);
		}
	}

	@Test
	void aDiscoveryChannelCallsPassingInstancesAndMovesOffOneThatTurnsNotServing() throws Exception {
		// in one JVM, the application that started last resolves discovery:/// targets
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext one = Boot4ShopApplication.shop(agent.uri(), "one");
				ConfigurableApplicationContext two = Boot4ShopApplication.shop(agent.uri(), "two");
				ConfigurableApplicationContext client = Boot4ShopApplication.client(agent.uri())) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> get(agent.uri(), "/v1/health/service/shop?passing=true").size() == 2);
			ManagedChannel channel = client.getBean(GrpcChannelFactory.class).createChannel("discovery:///shop");
			try {
				EchoGrpc.EchoBlockingStub echo = EchoGrpc.newBlockingStub(channel)
					.withDeadlineAfter(5, TimeUnit.SECONDS);
				String first = echo.echo(EchoRequest.getDefaultInstance()).getText();
				assertThat(first).isIn("one", "two");
				assertThat(client.getBean(DiscoveryNameResolverProvider.class).liveResolvers()).containsEntry("shop",
						1);
				ConfigurableApplicationContext called = first.equals("one") ? one : two;
				String other = first.equals("one") ? "two" : "one";
				called.getBean(Boot4ShopApplication.Db.class).status.set(Status.DOWN);
				// Consul sees it critical, the health watch reports it, the channel
				// resolves
				// again: every call goes to the passing instance
				assertThat(client.getBean(ConsulHealthWatch.class).isWatching("shop")).isTrue();
				await().atMost(Duration.ofSeconds(10)).until(() -> calls(channel, 10).stream().allMatch(other::equals));
				assertThat(calls(channel, 20)).containsOnly(other);
			}
			finally {
				channel.shutdownNow();
			}
		}
	}

	private static List<String> calls(ManagedChannel channel, int count) {
		List<String> answered = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			answered.add(EchoGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.echo(EchoRequest.getDefaultInstance())
				.getText());
		}
		return answered;
	}

	static int port(ConfigurableApplicationContext context) {
		return context.getBean(GrpcServerLifecycle.class).getPort();
	}

	static JsonNode get(URI agent, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(agent.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

}
