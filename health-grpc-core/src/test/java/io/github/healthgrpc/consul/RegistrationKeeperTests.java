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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.github.healthgrpc.consul.MisbehavingAgent.Reply;
import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.healthgrpc.testsupport.CapturedLog;
import io.github.healthgrpc.testsupport.LogCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The keeper registers again what the agent does not have, keeps going whatever the agent
 * answers, logs a failure streak once, and registers nothing after {@code stop()}.
 *
 * @author health-grpc authors
 */
@ExtendWith(LogCaptureExtension.class)
class RegistrationKeeperTests {

	private static final Duration INTERVAL = Duration.ofMillis(100);

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final ExecutorService http = Executors.newCachedThreadPool();

	RegistrationKeeperTests() {
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
		this.http.shutdownNow();
	}

	@Test
	void registersAgainWhatTheAgentForgot(CapturedLog output) {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			RegistrationKeeper keeper = keeper(agent.uri());
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered("shop-1"));
			// what an agent restart does to it
			deregister(agent);
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered("shop-1"));
			keeper.stop();
		}
		// nothing failed: nothing recovered either
		assertThat(output.getOut()).doesNotContain("answers again");
	}

	@Test
	void theIntervalMustBePositive() {
		ConsulAgentClient client = new ConsulAgentClient(URI.create("http://127.0.0.1:1"), "", INTERVAL, this.http);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RegistrationKeeper(client, RegistrationKeeperTests::shop, Duration.ZERO,
					this.scheduler, this.http))
			.withMessage("'interval' must be positive");
	}

	@Test
	void aCallCutShortByStopIsNoFailure(CapturedLog output) throws Exception {
		ExecutorService single = Executors.newSingleThreadExecutor();
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.never())) {
			RegistrationKeeper keeper = new RegistrationKeeper(
					new ConsulAgentClient(agent.uri(), "", Duration.ofMillis(300), this.http),
					RegistrationKeeperTests::shop, INTERVAL, this.scheduler, single);
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 1);
			keeper.stop();
			// the event after: the check under way has ended (it gave up after 300 ms)
			single.submit(() -> {
			}).get(10, TimeUnit.SECONDS);
			assertThat(output.getOut()).doesNotContain("Could not keep shop-1");
		}
		finally {
			single.shutdownNow();
		}
	}

	@Test
	void anAgentThatComesUpLaterGetsTheRegistrationAndOneWarningIsLogged(CapturedLog output) throws IOException {
		int port = freePort();
		RegistrationKeeper keeper = keeper(URI.create("http://127.0.0.1:" + port));
		keeper.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut().contains("Could not keep shop-1 registered with the Consul agent at"));
		try (ConsulDevAgent agent = ConsulDevAgent.builder().port(port).start()) {
			// backoff: at most interval * 2^n, capped at 30 s; here well under 10 s
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered("shop-1"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().contains("Consul agent at http://127.0.0.1:" + port + "/ answers again"));
			keeper.stop();
		}
		assertThat(count(output.getOut(), "Could not keep shop-1 registered")).isOne();
	}

	@Test
	void oddAnswersNeverStopItAndCostOneLine(CapturedLog output) throws IOException {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(500, "{\"not\":\"json\""))) {
			RegistrationKeeper keeper = keeper(agent.uri());
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() >= 4);
			agent.answer((request) -> Reply.of(200, "{]", java.util.Map.of("X-Consul-Index", "-")));
			int before = agent.requests().size();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() >= before + 2);
			keeper.stop();
			assertThat(count(output.getOut(), "Could not keep shop-1 registered")).isOne();
			assertThat(output.getOut()).contains("(HTTP 500: {\"not\":\"json\")").doesNotContain("Exception:");
		}
	}

	@Test
	void nothingIsRegisteredOnceStopReturnedEvenWhenACheckWasUnderWay() throws Exception {
		CountDownLatch asked = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> {
			if (request.method().equals("GET")) {
				asked.countDown();
				awaitLatch(answer);
				return Reply.of(404, "Unknown service ID");
			}
			return Reply.of(200, "");
		})) {
			RegistrationKeeper keeper = keeper(agent.uri());
			keeper.start();
			assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
			keeper.stop();
			answer.countDown();
			// the event after: the scheduler has run everything it had, and holds nothing
			// more
			this.scheduler.submit(() -> {
			}).get(10, TimeUnit.SECONDS);
			assertThat(this.scheduler.getQueue()).isEmpty();
			assertThat(agent.requests()).extracting(MisbehavingAgent.Request::method).containsExactly("GET");
		}
	}

	@Test
	void stopCancelsTheNextCheck() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			RegistrationKeeper keeper = keeper(agent.uri());
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered("shop-1"));
			keeper.stop();
			this.scheduler.submit(() -> {
			}).get(10, TimeUnit.SECONDS);
			// nothing left to run: the keeper cannot register again
			assertThat(this.scheduler.getQueue()).isEmpty();
		}
	}

	@Test
	void aKeeperWhoseAgentStallsAfterTheHeadersHoldsUpNoWatch(CapturedLog output) throws Exception {
		AtomicInteger watchQueries = new AtomicInteger();
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> {
			if (request.uri().startsWith("/v1/agent/service/")) {
				return Reply.endless();
			}
			// the watch's first query fails: its retry needs the scheduler's thread
			return (watchQueries.incrementAndGet() == 1) ? Reply.of(500, "No cluster leader")
					: Reply.of(200, "[]", java.util.Map.of("X-Consul-Index", "5"));
		})) {
			ConsulAgentClient client = new ConsulAgentClient(agent.uri(), "", Duration.ofMillis(300), this.http);
			// one scheduler thread, shared, as in an application
			RegistrationKeeper keeper = new RegistrationKeeper(client, RegistrationKeeperTests::shop, INTERVAL,
					this.scheduler, this.http);
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 1);
			AtomicInteger changes = new AtomicInteger();
			try (ConsulHealthWatch watch = new ConsulHealthWatch(client, Duration.ofSeconds(30), this.scheduler)) {
				watch.watch("cart", changes::incrementAndGet);
				await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(1));
			}
			// the keeper gave up on the stalled answer, and asks again
			await().atMost(Duration.ofSeconds(10))
				.until(() -> agent.requests()
					.stream()
					.filter((r) -> r.uri().startsWith("/v1/agent/service/"))
					.count() >= 2);
			keeper.stop();
			assertThat(output.getOut()).contains("(no complete answer within 300 ms)");
		}
	}

	@Test
	void anInstanceTheAgentLostWhilePassingIsRegisteredAgainAtOnce() throws Exception {
		try (ConsulDevAgent agent = reapingAgent()) {
			AtomicInteger asked = new AtomicInteger();
			RegistrationKeeper keeper = reapable(agent.uri(), () -> {
				asked.incrementAndGet();
				return false;
			}, "passing");
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(agent.checkStatus("service:shop-1")));
			// what an agent restart (or an operator's deregister) does to it
			deregister(agent);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> agent.history()
					.stream()
					.filter((event) -> event.type() == AgentEvent.Type.REGISTERED)
					.count() == 2);
			keeper.stop();
		}
	}

	@Test
	void anInstanceConsulRemovedWhileNotServingIsRegisteredAgainOnlyOnceServing(CapturedLog output) throws Exception {
		try (ConsulDevAgent agent = reapingAgent()) {
			AtomicBoolean serving = new AtomicBoolean();
			AtomicInteger asked = new AtomicInteger();
			RegistrationKeeper keeper = reapable(agent.uri(), () -> {
				asked.incrementAndGet();
				return serving.get();
			}, null);
			keeper.start();
			// its check stays critical: Consul removes it after 1 s
			await().atMost(Duration.ofSeconds(10))
				.until(() -> agent.history()
					.stream()
					.anyMatch((event) -> event.type() == AgentEvent.Type.DEREGISTERED));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.contains("Consul removed shop-1: its check stayed critical for about 1s "
							+ "(DeregisterCriticalServiceAfter) while it was not SERVING"));
			// the event after: three more checks found it missing and NOT_SERVING
			int before = asked.get();
			await().atMost(Duration.ofSeconds(10)).until(() -> asked.get() >= before + 3);
			assertThat(agent.isRegistered("shop-1")).isFalse();
			serving.set(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered("shop-1"));
			assertThat(registrations(agent)).as("%s\n%s", agent.history(), output.getOut()).isEqualTo(2);
			// registered again, it is tracked afresh: lost a moment later, it was the
			// agent's doing, not Consul's
			await().atMost(Duration.ofSeconds(10)).until(() -> "critical".equals(agent.checkStatus("service:shop-1")));
			deregister(agent);
			await().atMost(Duration.ofSeconds(10)).until(() -> registrations(agent) == 3);
			keeper.stop();
			assertThat(RegistrationKeeperTests.count(output.getOut(), "Consul removed shop-1")).isOne();
			assertThat(output.getOut()).contains("Registered shop-1 with the Consul agent at " + agent.uri()
					+ "/: Consul had removed it while its check was critical; it is SERVING");
		}
	}

	@Test
	void anInstanceConsulRemovedWhileServingComesBackOnlyAfterAnotherPeriod(CapturedLog output) throws Exception {
		try (ConsulDevAgent agent = reapingAgent()) {
			RegistrationKeeper keeper = reapable(agent.uri(), () -> true, null, this.http);
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> registrations(agent) == 2);
			keeper.stop();
			assertThat(output.getOut()).contains("Consul removed shop-1: its check stayed critical for about 1s "
					+ "(DeregisterCriticalServiceAfter) although the instance is SERVING");
			// one more deregister-after (1 s) after Consul removed it, not one keeper
			// interval (100 ms); on the agent's clock
			assertThat(timeToComeBack(agent)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		}
	}

	@Test
	void aKeeperThatRunsLateStillTellsConsulsRemovalFromTheAgentsLoss(CapturedLog output) throws Exception {
		try (ConsulDevAgent agent = reapingAgent()) {
			// a busy machine: the check after the registration starts 700 ms late, so the
			// keeper first sees the check critical long after it turned critical
			AtomicInteger checks = new AtomicInteger();
			Executor late = (task) -> {
				if (checks.incrementAndGet() == 2) {
					this.scheduler.schedule(() -> this.http.execute(task), 700, TimeUnit.MILLISECONDS);
				}
				else {
					this.http.execute(task);
				}
			};
			RegistrationKeeper keeper = reapable(agent.uri(), () -> true, null, late);
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> registrations(agent) == 2);
			keeper.stop();
			assertThat(checks.get()).isGreaterThan(2);
			assertThat(output.getOut()).contains("Consul removed shop-1");
			assertThat(timeToComeBack(agent)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		}
	}

	@Test
	void aCheckGoneBetweenTheTwoQuestionsIsNotTakenForAPassingOne(CapturedLog output) throws Exception {
		// Consul removes the instance between the keeper's two questions: the agent has
		// it, then no longer has its check
		long started = System.nanoTime();
		AtomicBoolean removed = new AtomicBoolean();
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> {
			if (request.uri().startsWith("/v1/agent/service/shop-1")) {
				return removed.get() ? Reply.of(404, "") : Reply.of(200, "{\"ID\":\"shop-1\",\"Service\":\"shop\"}");
			}
			if (request.uri().startsWith("/v1/agent/checks")) {
				if (System.nanoTime() - started < Duration.ofMillis(1200).toNanos()) {
					return Reply.of(200, "{\"service:shop-1\":{\"CheckID\":\"service:shop-1\","
							+ "\"ServiceID\":\"shop-1\",\"Status\":\"critical\"}}");
				}
				removed.set(true);
				return Reply.of(200, "{}");
			}
			return Reply.of(200, "");
		})) {
			RegistrationKeeper keeper = reapable(agent.uri(), () -> true, null);
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Consul removed shop-1"));
			keeper.stop();
			assertThat(agent.requests()).noneMatch((request) -> request.uri().startsWith("/v1/agent/service/register"));
			assertThat(output.getOut()).doesNotContain("Registered shop-1");
		}
	}

	@Test
	void maintenanceModeIsLeftAlone() throws Exception {
		try (ConsulDevAgent agent = reapingAgent()) {
			AtomicInteger rounds = new AtomicInteger();
			ServiceDefinition service = shop();
			service.setCheck(ttl("passing"));
			RegistrationKeeper keeper = new RegistrationKeeper(
					new ConsulAgentClient(agent.uri(), "", Duration.ofSeconds(2), this.http), () -> {
						rounds.incrementAndGet();
						return service;
					}, INTERVAL, this.scheduler, this.http, Duration.ofSeconds(1), () -> true);
			keeper.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.isRegistered("shop-1"));
			ConsulAgentClientTests.put(agent.uri(), "/v1/agent/service/maintenance/shop-1?enable=true&reason=deploy",
					"");
			// the event after: five more rounds, with the instance critical in
			// maintenance
			int before = rounds.get();
			await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= before + 5);
			keeper.stop();
			assertThat(agent.checkStatus("_service_maintenance:shop-1")).isEqualTo("critical");
			assertThat(registrations(agent)).isOne();
		}
	}

	private static ConsulDevAgent reapingAgent() {
		return ConsulDevAgent.builder().reaping(Duration.ofMillis(100), Duration.ZERO).start();
	}

	// an instance whose TTL check Consul removes after 1 s critical: passing for ten
	// minutes, or critical from its expiry a second after it was registered
	private RegistrationKeeper reapable(URI agent, BooleanSupplier serving, String status) {
		return reapable(agent, serving, status, this.http);
	}

	private RegistrationKeeper reapable(URI agent, BooleanSupplier serving, String status, Executor checks) {
		ServiceDefinition service = shop();
		service.setCheck(ttl(status));
		return new RegistrationKeeper(new ConsulAgentClient(agent, "", Duration.ofSeconds(2), this.http), () -> service,
				INTERVAL, this.scheduler, checks, Duration.ofSeconds(1), serving);
	}

	// from Consul's removal of the instance to its next registration, as the agent saw
	// them
	private static Duration timeToComeBack(ConsulDevAgent agent) {
		List<AgentEvent> history = agent.history();
		Instant removed = null;
		for (AgentEvent event : history) {
			if (removed == null && event.type() == AgentEvent.Type.DEREGISTERED) {
				removed = event.at();
			}
			else if (removed != null && event.type() == AgentEvent.Type.REGISTERED) {
				return Duration.between(removed, event.at());
			}
		}
		throw new AssertionError("Not removed and registered again: " + history);
	}

	private static CheckDefinition ttl(String status) {
		CheckDefinition check = new CheckDefinition();
		check.setTtl((status != null) ? "600s" : "1s");
		check.setStatus(status);
		check.setDeregisterCriticalServiceAfter("1s");
		return check;
	}

	private static long registrations(ConsulDevAgent agent) {
		return agent.history().stream().filter((event) -> event.type() == AgentEvent.Type.REGISTERED).count();
	}

	private static ServiceDefinition shop() {
		ServiceDefinition service = new ServiceDefinition();
		service.setId("shop-1");
		service.setName("shop");
		service.setPort(9090);
		return service;
	}

	private RegistrationKeeper keeper(URI agent) {
		ServiceDefinition service = new ServiceDefinition();
		service.setId("shop-1");
		service.setName("shop");
		service.setPort(9090);
		return new RegistrationKeeper(new ConsulAgentClient(agent, "", Duration.ofSeconds(2), this.http), () -> service,
				INTERVAL, this.scheduler, this.http);
	}

	private void deregister(ConsulDevAgent agent) {
		try {
			java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(agent.uri().resolve("/v1/agent/service/deregister/shop-1"))
					.PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
					.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
