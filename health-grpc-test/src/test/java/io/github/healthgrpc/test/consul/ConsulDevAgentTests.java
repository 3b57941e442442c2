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

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What only the dev agent does, or does differently on purpose: loopback-only probes,
 * faster reaping when asked, robustness against garbage, restarts on the same port, the
 * standalone agent's arguments.
 *
 * @author health-grpc authors
 */
class ConsulDevAgentTests {

	@Test
	void aCheckAimedAwayFromLoopbackIsCriticalAndNeverSent() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulHttp http = new ConsulHttp(ConsulEndpoint.of(agent));
			http.put("/v1/agent/service/register", "{\"ID\":\"far\",\"Name\":\"far\","
					+ "\"Check\":{\"GRPC\":\"192.0.2.10:9090\",\"Interval\":\"1s\"}}");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.get("/v1/agent/checks")
					.json()
					.at("/service:far/Output")
					.asText()
					.contains("loopback"));
			assertThat(agent.checkStatus("service:far")).isEqualTo("critical");
		}
	}

	@Test
	void theReaperRemovesAServiceCriticalLongerThanItsTimeRaisedToTheMinimumAndOnlyThatOne() {
		try (ConsulDevAgent agent = ConsulDevAgent.builder()
			.reaping(Duration.ofMillis(100), Duration.ofMillis(1500))
			.start()) {
			ConsulHttp http = new ConsulHttp(ConsulEndpoint.of(agent));
			// passing until its TTL expires; 100 ms is raised to the minimum, 1.5 s
			register(http, "doomed",
					"{\"TTL\":\"200ms\",\"Status\":\"passing\"," + "\"DeregisterCriticalServiceAfter\":\"100ms\"}");
			register(http, "patient",
					"{\"TTL\":\"200ms\",\"Status\":\"passing\"," + "\"DeregisterCriticalServiceAfter\":\"30s\"}");
			register(http, "maintained",
					"{\"TTL\":\"30s\",\"Status\":\"passing\"," + "\"DeregisterCriticalServiceAfter\":\"100ms\"}");
			assertThat(http.put("/v1/agent/service/maintenance/maintained?enable=true", "").status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> !agent.isRegistered("doomed"));
			assertThat(agent.isRegistered("patient")).isTrue();
			assertThat(agent.isRegistered("maintained")).isTrue();
			Instant critical = at(agent, "CHECK service:doomed critical");
			Instant reaped = at(agent, "DEREGISTERED doomed");
			assertThat(Duration.between(critical, reaped)).isGreaterThan(Duration.ofMillis(1500))
				.isLessThan(Duration.ofMillis(1500 + 100 + 2000));
			assertThat(http.get("/v1/agent/checks").json().has("service:doomed")).isFalse();
		}
	}

	@Test
	void theStandaloneAgentReadsItsAddressAndItsOwnKeyStores() throws Exception {
		assertThat(DevAgentCommandLine.parse("--bind=127.0.0.1", "--allow-remote-checks").environment()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--bind=no.such.host.invalid"))
			.withMessageContaining("no.such.host.invalid");
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--port"))
			.withMessageContaining("--port needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--port="))
			.withMessageContaining("--port needs a value");
		io.github.healthgrpc.test.tls.TestCertificates certificates = io.github.healthgrpc.test.tls.TestCertificates
			.shared();
		DevAgentCommandLine line = DevAgentCommandLine.parse("--port=0",
				"--https-keystore=" + certificates.serverKeyStore(),
				"--https-keystore-password=" + certificates.password(),
				"--https-truststore=" + certificates.trustStore(), "--verify-incoming");
		try (ConsulDevAgent agent = line.builder().start()) {
			assertThat(agent.scheme()).isEqualTo("https");
			// its trust store accepts the test client's certificate
			java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
				.sslContext(certificates.clientContext())
				.build()
				.send(java.net.http.HttpRequest.newBuilder(agent.uri().resolve("/v1/status/leader")).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(200);
		}
		assertThat(DevAgentCommandLine
			.parse("--https-keystore=" + certificates.serverKeyStore(),
					"--https-keystore-password=" + certificates.password())
			.builder()
			.port()).isEqualTo(8501);
		assertThat(DevAgentCommandLine.parse("--acl-token=t").builder().port()).isEqualTo(8500);
		try (ConsulDevAgent bound = DevAgentCommandLine.parse("--port=0", "--bind=127.0.0.1").builder().start()) {
			assertThat(bound.httpAddress()).startsWith("127.0.0.1:");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevAgentCommandLine.parse("--https-keystore=" + certificates.serverKeyStore(),
					"--https-keystore-password=wrong"))
			.withMessageContaining("--https-keystore=");
	}

	@Test
	void theStandaloneAgentReadsConsulsReapSettingsAndAToken() {
		DevAgentCommandLine line = DevAgentCommandLine.parse("--port=0", "--check-reap-interval=100ms",
				"--check-deregister-interval-min=0s", "--deregister-critical-service-after=100ms",
				"--acl-token=secret");
		assertThat(line.environment()).containsExactly("CONSUL_HTTP_TOKEN=secret");
		try (ConsulDevAgent agent = line.builder().start()) {
			assertThat(agent.aclToken()).hasValue("secret");
			ConsulHttp http = new ConsulHttp(ConsulEndpoint.of(agent));
			http.put("/v1/agent/service/register?token=secret", "{\"ID\":\"doomed\",\"Name\":\"doomed\","
					+ "\"Check\":{\"TTL\":\"100ms\",\"DeregisterCriticalServiceAfter\":\"10m\"}}");
			await().atMost(Duration.ofSeconds(10)).until(() -> !agent.isRegistered("doomed"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--check-reap-interval=soon"))
			.withMessageContaining("--check-reap-interval");
		assertThatIllegalArgumentException().isThrownBy(() -> DevAgentCommandLine.parse("--check-reap-interval=0s"))
			.withMessageContaining("reap interval must be positive");
	}

	private static void register(ConsulHttp http, String id, String check) {
		assertThat(http
			.put("/v1/agent/service/register",
					"{\"ID\":\"" + id + "\",\"Name\":\"" + id + "\",\"Check\":" + check + "}")
			.status()).isEqualTo(200);
	}

	private static Instant at(ConsulDevAgent agent, String event) {
		return agent.history()
			.stream()
			.filter((candidate) -> candidate.toString().equals(event))
			.map(AgentEvent::at)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + event + " in " + agent.history()));
	}

	@Test
	void theHistoryKeepsTheOrderOfWhatHappened() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulHttp http = new ConsulHttp(ConsulEndpoint.of(agent));
			http.put("/v1/agent/service/register", "{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
			http.put("/v1/agent/check/pass/service:a", "");
			// the same registration again changes nothing
			http.put("/v1/agent/service/register", "{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
			http.put("/v1/agent/check/fail/service:a", "");
			http.put("/v1/agent/service/deregister/a", "");
			assertThat(agent.history()).extracting(AgentEvent::toString)
				.containsExactly("REGISTERED a", "CHECK service:a critical", "CHECK service:a passing",
						"CHECK service:a critical", "DEREGISTERED a");
		}
	}

	@Test
	void garbageNeverBreaksIt() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulHttp http = new ConsulHttp(ConsulEndpoint.of(agent));
			assertThat(http.put("/v1/agent/service/register", "{".repeat(100_000)).status()).isEqualTo(400);
			assertThat(http.put("/v1/agent/service/register", "x".repeat(5 * 1024 * 1024)).status()).isEqualTo(400);
			assertThat(http.put("/v1/agent/service/register", "{\"Name\":[1,2]}").status()).isEqualTo(400);
			assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"n\",\"Port\":\"x\"}").status())
				.isEqualTo(400);
			assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"n\",\"Check\":{\"TTL\":\"soon\"}}").status())
				.isEqualTo(400);
			assertThat(raw(agent, "GET /v1/health/service/%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
			assertThat(raw(agent, "NONSENSE\r\n\r\n")).doesNotStartWith("HTTP/1.1 200");
			assertThat(http.get("/v1/nothing/here").status()).isEqualTo(404);
			// still answering
			assertThat(http.get("/v1/status/leader").status()).isEqualTo(200);
		}
	}

	@Test
	void aRestartedAgentOnTheSamePortHasForgottenEverything() {
		ConsulDevAgent first = ConsulDevAgent.start();
		int port = first.port();
		new ConsulHttp(ConsulEndpoint.of(first)).put("/v1/agent/service/register", "{\"Name\":\"kept\"}");
		assertThat(first.isRegistered("kept")).isTrue();
		first.close();
		// as a try-with-resources and a finally block may both do
		first.close();
		try (ConsulDevAgent second = ConsulDevAgent.builder().port(port).start()) {
			assertThat(second.port()).isEqualTo(port);
			assertThat(second.isRegistered("kept")).isFalse();
		}
	}

	@Test
	void aHeldQueryIsReleasedWhenItsClientLeavesOrItsWaitEnds() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulEndpoint endpoint = ConsulEndpoint.of(agent);
			long index = new ConsulHttp(endpoint).get("/v1/catalog/services").index();
			try (RawHttp leaving = new RawHttp(endpoint)) {
				leaving.get("/v1/catalog/services?index=" + index + "&wait=60s");
				await().atMost(Duration.ofSeconds(10)).until(() -> agent.heldQueries() == 1);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.heldQueries() == 0);
			try (RawHttp waiting = new RawHttp(endpoint)) {
				RawHttp.Answer answer = waiting.get("/v1/catalog/services?index=" + index + "&wait=100ms").read();
				assertThat(answer.status()).isEqualTo(200);
				assertThat(agent.heldQueries()).isZero();
			}
		}
	}

	@Test
	void itsRootSaysWhatItIs() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulHttp.Answer root = new ConsulHttp(ConsulEndpoint.of(agent)).get("/");
			assertThat(root.status()).isEqualTo(200);
			assertThat(root.body()).startsWith("Consul Agent");
		}
	}

	@Test
	void goDurationsAreReadAsGoReadsThem() {
		assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(GoDuration.parse("0")).isZero();
		assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
		assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(GoDuration.format(Duration.ofNanos(1500))).isEqualTo("1500ns");
		assertThat(GoDuration.parse("-1.5s")).isEqualTo(Duration.ofMillis(-1500));
		assertThat(GoDuration.parse("+2us")).isEqualTo(Duration.ofNanos(2000));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(null));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("1s2"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("10"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("s"));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("1x"));
	}

	@Test
	void theRealAgentAddressIsReadFromItsVariable() {
		assertThat(ConsulEndpoint.ofAddress("127.0.0.1:8500").port()).isEqualTo(8500);
		assertThat(ConsulEndpoint.ofAddress("http://localhost:8501").host()).isEqualTo("localhost");
		assertThat(ConsulEndpoint.ofAddress("127.0.0.1:8500").isDevAgent()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> ConsulEndpoint.ofAddress("nowhere"));
	}

	/**
	 * Send bytes no HTTP client would, and return the first line of the answer (empty
	 * when the agent just closed the connection).
	 */
	private static String raw(ConsulDevAgent agent, String request) {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", agent.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
					socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
			String line = reader.readLine();
			return (line != null) ? line : "";
		}
		catch (java.io.IOException ex) {
			return "";
		}
	}

}
