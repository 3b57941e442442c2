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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import io.github.healthgrpc.consul.MisbehavingAgent.Reply;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import io.github.healthgrpc.test.tls.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

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
			ServiceDefinition service = new ServiceDefinition();
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
			ServiceDefinition service = new ServiceDefinition();
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
			assertThatExceptionOfType(ConsulAgentException.class)
				.isThrownBy(() -> client.register(new ServiceDefinition()))
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
				.withMessageContaining("no complete answer within 300 ms");
		}
	}

	@Test
	void anAgentThatStallsAfterTheHeadersCostsAtMostTheTimeout() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.endless());
				ConsulAgentClient client = new ConsulAgentClient(agent.uri(), "", Duration.ofMillis(300),
						this.executor)) {
			// bounded: a hang fails the test instead of holding it
			CompletableFuture<Boolean> asked = CompletableFuture.supplyAsync(() -> client.isRegistered("a"),
					this.executor);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> asked.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(ConsulAgentException.class)
				.withMessageContaining("no complete answer within 300 ms");
			CompletableFuture<Void> registered = CompletableFuture
				.runAsync(() -> client.register(new ServiceDefinition()), this.executor);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> registered.get(10, TimeUnit.SECONDS))
				.withMessageContaining("no complete answer within 300 ms");
			// the blocking query: its wait plus a sixteenth plus the timeout, body
			// included
			assertThat(client.answerBound(Duration.ofSeconds(1)).toMillis()).isEqualTo(1362);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> client.healthIndex("a", 0, Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(TimeoutException.class);
			// and each abandoned exchange is closed, not left streaming
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 0);
		}
	}

	@Test
	void anAnswerLongerThanAnyAgentsIsRefused() throws Exception {
		String huge = "{\"ID\":\"a\",\"pad\":\"" + "x".repeat(ConsulAgentClient.MAX_ANSWER_BYTES) + "\"}";
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(200, huge));
				ConsulAgentClient client = client(agent.uri(), "")) {
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.withMessage("answer longer than 4194304 bytes");
		}
	}

	@Test
	void theCheckStatusIsTheWorstOfTheInstancesOwnChecks() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start(); ConsulAgentClient client = client(agent.uri(), "")) {
			assertThat(client.checkStatus("shop-1")).isNull();
			put(agent.uri(), "/v1/agent/service/register", "{\"ID\":\"shop-1\",\"Name\":\"shop\",\"Checks\":["
					+ "{\"TTL\":\"60s\",\"Status\":\"passing\"},{\"TTL\":\"60s\",\"Status\":\"warning\"}]}");
			put(agent.uri(), "/v1/agent/service/register",
					"{\"ID\":\"cart-1\",\"Name\":\"cart\",\"Check\":{\"TTL\":\"60s\"}}");
			assertThat(client.checkStatus("shop-1")).isEqualTo("warning");
			put(agent.uri(), "/v1/agent/check/fail/service:shop-1:1", "");
			assertThat(client.checkStatus("shop-1")).isEqualTo("critical");
			put(agent.uri(), "/v1/agent/check/pass/service:shop-1:1", "");
			put(agent.uri(), "/v1/agent/check/pass/service:shop-1:2", "");
			// an operator's maintenance is not the instance's own check
			put(agent.uri(), "/v1/agent/service/maintenance/shop-1?enable=true&reason=deploy", "");
			assertThat(client.checkStatus("shop-1")).isEqualTo("passing");
			assertThat(client.checkStatus("cart-1")).isEqualTo("critical");
		}
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(200, "{\"x\":1,\"y\":{}}"));
				ConsulAgentClient client = client(agent.uri(), "s3cret")) {
			assertThat(client.checkStatus("a\"b")).isNull();
			// Consul filters on its side, as far as it knows how
			assertThat(agent.requests()).singleElement().satisfies((request) -> {
				assertThat(request.uri()).isEqualTo("/v1/agent/checks?filter=ServiceID%20%3D%3D%20%22a%5C%22b%22");
				assertThat(request.token()).isEqualTo("s3cret");
			});
			// a status Consul does not send counts for nothing
			agent.answer((request) -> Reply.of(200,
					"{\"service:a\":{\"ServiceID\":\"a\",\"CheckID\":\"service:a\",\"Status\":\"maintenance\"}}"));
			assertThat(client.checkStatus("a")).isNull();
			agent.answer((request) -> Reply.of(200, "[]"));
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.checkStatus("a"))
				.withMessage("malformed answer: []");
			agent.answer((request) -> Reply.of(403, "Permission denied"));
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.checkStatus("a"))
				.withMessage("HTTP 403: Permission denied");
		}
	}

	@Test
	void overHttpsWithAClientCertificateAndATokenEveryCallWorks() throws Exception {
		TestCertificates certificates = TestCertificates.shared();
		try (ConsulDevAgent agent = ConsulDevAgent.builder()
			.https(certificates.serverContext())
			.requireClientCertificates(true)
			.aclToken("s3cret")
			.start();
				ConsulAgentClient client = new ConsulAgentClient(agent.uri(), "s3cret", Duration.ofSeconds(5),
						this.executor, tls(certificates))) {
			assertThat(agent.uri().getScheme()).isEqualTo("https");
			assertThat(client.isRegistered("shop-1")).isFalse();
			ServiceDefinition service = new ServiceDefinition();
			service.setId("shop-1");
			service.setName("shop");
			CheckDefinition check = new CheckDefinition();
			check.setTtl("60s");
			service.setCheck(check);
			client.register(service);
			assertThat(client.isRegistered("shop-1")).isTrue();
			assertThat(client.checkStatus("shop-1")).isEqualTo("critical");
			assertThat(client.healthIndex("shop", 0, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS)).isPositive();
			// the token is what lets it in
			try (ConsulAgentClient anonymous = new ConsulAgentClient(agent.uri(), "", Duration.ofSeconds(5),
					this.executor, tls(certificates))) {
				assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> anonymous.register(service))
					.withMessageStartingWith("HTTP 403: Permission denied");
			}
			// and the client certificate
			try (ConsulAgentClient noCertificate = new ConsulAgentClient(agent.uri(), "s3cret", Duration.ofSeconds(5),
					this.executor,
					AgentTls.context("PKCS12", null, null, certificates.trustStore(), certificates.password()))) {
				// refused in the handshake (how the JDK words it depends on the TLS
				// version)
				assertThatExceptionOfType(ConsulAgentException.class)
					.isThrownBy(() -> noCertificate.isRegistered("shop-1"));
			}
		}
	}

	@Test
	void aStoreThatCannotBeReadIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AgentTls.context("PKCS12", Path.of("nowhere.p12"), "x", null, null))
			.withMessageContaining("cannot read the PKCS12 store nowhere.p12");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AgentTls.context("PKCS12", null, null, TestCertificates.shared().trustStore(), "wrong"))
			.withMessageContaining("truststore.p12");
	}

	private static SSLContext tls(TestCertificates certificates) {
		return AgentTls.context("PKCS12", certificates.clientKeyStore(), certificates.password(),
				certificates.trustStore(), certificates.password());
	}

	@Test
	void anUnreachableAgentIsAnException() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (ConsulAgentClient client = client(URI.create("http://127.0.0.1:" + port), "")) {
			// the JDK's exception has no message: its name alone says it
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.withMessage("ConnectException");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConsulAgentClient(null, "", Duration.ofSeconds(1), this.executor))
			.withMessage("'base' must not be null");
	}

	@Test
	void anInterruptedCallEndsAtOnceAndKeepsTheInterrupt() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.never());
				ConsulAgentClient client = client(agent.uri(), "")) {
			CompletableFuture<Boolean> stillInterrupted = CompletableFuture.supplyAsync(() -> {
				Thread.currentThread().interrupt();
				assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
					.withMessage("interrupted");
				return Thread.interrupted();
			}, this.executor);
			assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aLongAnswerIsShortenedInTheMessageAndAShortOneIsNot() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(500, "y".repeat(120)));
				ConsulAgentClient client = client(agent.uri(), "")) {
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.withMessage("HTTP 500: " + "y".repeat(120));
			agent.answer((request) -> Reply.of(500, "y".repeat(121)));
			assertThatExceptionOfType(ConsulAgentException.class).isThrownBy(() -> client.isRegistered("a"))
				.withMessage("HTTP 500: " + "y".repeat(120) + "...");
		}
	}

	static void put(URI agent, String path, String body) throws Exception {
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(agent.resolve(path))
				.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private ConsulAgentClient client(URI uri, String token) {
		return new ConsulAgentClient(uri, token, Duration.ofSeconds(5), this.executor);
	}

}
