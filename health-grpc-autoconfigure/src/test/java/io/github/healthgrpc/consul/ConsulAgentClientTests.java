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

package io.github.healthgrpc.consul;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.ecwid.consul.v1.agent.model.NewService;
import io.github.healthgrpc.consul.MisbehavingAgent.Reply;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * health-grpc's own calls to the agent, against the dev agent and against answers no
 * agent should give.
 *
 * @author health-grpc authors
 */
class ConsulAgentClientTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void registersAndFindsAnInstance() {
		try (ConsulDevAgent agent = ConsulDevAgent.start(); ConsulAgentClient client = client(agent.uri(), "")) {
			assertThat(client.isRegistered("shop-1")).isFalse();
			NewService service = new NewService();
			service.setId("shop-1");
			service.setName("shop");
			service.setPort(9090);
			service.setMeta(Map.of("gRPC_port", "9090"));
			client.register(service);
			assertThat(client.isRegistered("shop-1")).isTrue();
			assertThat(agent.isRegistered("shop-1")).isTrue();
		}
	}

	@Test
	void theHealthIndexBlocksUntilTheServiceChanges() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start(); ConsulAgentClient client = client(agent.uri(), "")) {
			long first = client.healthIndex("shop", 0, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
			CompletableFuture<Long> held = client.healthIndex("shop", first, Duration.ofSeconds(20));
			assertThat(held).isNotDone();
			NewService service = new NewService();
			service.setId("shop-1");
			service.setName("shop");
			client.register(service);
			assertThat(held.get(5, TimeUnit.SECONDS)).isGreaterThan(first);
		}
	}

	@Test
	void sendsTheTokenAndKeepsThePathPrefix() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(404, "unknown service ID"));
				ConsulAgentClient client = client(URI.create(agent.uri() + "/consul"), "s3cret")) {
			assertThat(client.isRegistered("a b")).isFalse();
			assertThat(agent.requests()).singleElement().satisfies((request) -> {
				assertThat(request.uri()).isEqualTo("/consul/v1/agent/service/a%20b");
				assertThat(request.token()).isEqualTo("s3cret");
			});
		}
	}

	@Test
	void oddAnswersBecomeOneClearException() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(500, "x".repeat(10_000)));
				ConsulAgentClient client = client(agent.uri(), "")) {
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("HTTP 500: xxx").hasSizeLessThan(200));
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.register(new NewService()))
				.withMessageStartingWith("HTTP 500");
			agent.answer((request) -> Reply.of(200, "<html>proxy login</html>"));
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.withMessage("malformed answer: <html>proxy login</html>");
			agent.answer((request) -> Reply.of(200, "{\"ID\":\"b\"}"));
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"));
			agent.answer((request) -> Reply.of(200, "[]", Map.of("X-Consul-Index", "soon")));
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> client.healthIndex("a", 0, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS))
				.withCauseInstanceOf(ConsulAgentException.class)
				.withMessageContaining("malformed X-Consul-Index 'soon'");
			agent.answer((request) -> Reply.of(200, "[]"));
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> client.healthIndex("a", 0, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS))
				.withMessageContaining("no X-Consul-Index header");
		}
	}

	@Test
	void aSlowAgentCostsAtMostTheTimeout() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.never());
				ConsulAgentClient client = new ConsulAgentClient(agent.uri(), "", Duration.ofMillis(300),
						this.executor)) {
			CompletableFuture<Boolean> call = CompletableFuture.supplyAsync(() -> client.isRegistered("a"),
					this.executor);
			// bounded: a hang fails the test instead of holding it
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> call.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(ConsulAgentException.class)
				.withMessageContaining("HttpTimeoutException");
		}
	}

	@Test
	void anUnreachableAgentIsAnException() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (ConsulAgentClient client = client(URI.create("http://127.0.0.1:" + port), "")) {
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.withMessageContaining("ConnectException");
		}
	}

	private ConsulAgentClient client(URI uri, String token) {
		return new ConsulAgentClient(uri, token, Duration.ofSeconds(5), this.executor);
	}

}
