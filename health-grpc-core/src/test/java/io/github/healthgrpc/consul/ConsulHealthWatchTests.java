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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.healthgrpc.consul.MisbehavingAgent.Reply;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.healthgrpc.testsupport.CapturedLog;
import io.github.healthgrpc.testsupport.LogCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health watch reports every change of a service's passing instances, among them the
 * check changes Consul's catalog index does not show, and nothing else; it survives odd
 * agents without spinning and leaves nothing running after {@code close()}.
 *
 * @author health-grpc authors
 */
@ExtendWith(LogCaptureExtension.class)
class ConsulHealthWatchTests {

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final ExecutorService http = Executors.newCachedThreadPool();

	ConsulHealthWatchTests() {
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
		this.http.shutdownNow();
	}

	@Test
	void aCheckTurningCriticalOrPassingIsAChange() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start(); ConsulHealthWatch watch = watch(agent.uri())) {
			put(agent.uri(), "/v1/agent/service/register",
					"{\"ID\":\"shop-1\",\"Name\":\"shop\",\"Check\":{\"TTL\":\"60s\",\"Status\":\"passing\"}}");
			AtomicInteger changes = new AtomicInteger();
			watch.watch("shop", changes::incrementAndGet);
			awaitHeld(agent);
			put(agent.uri(), "/v1/agent/check/fail/service:shop-1", "");
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(1));
			awaitHeld(agent);
			put(agent.uri(), "/v1/agent/check/pass/service:shop-1", "");
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(2));
			awaitHeld(agent);
			put(agent.uri(), "/v1/agent/service/register", "{\"ID\":\"shop-2\",\"Name\":\"shop\"}");
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(3));
			awaitHeld(agent);
			// another service is not a change of this one
			put(agent.uri(), "/v1/agent/service/register", "{\"ID\":\"cart-1\",\"Name\":\"cart\"}");
			put(agent.uri(), "/v1/agent/service/deregister/shop-2", "");
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(4));
			awaitHeld(agent);
			assertThat(changes).hasValue(4);
		}
	}

	@Test
	void anAgentThatAnswersAtOnceWithTheSameIndexIsNotAskedInALoop() throws Exception {
		AtomicLong firstAt = new AtomicLong();
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> {
			firstAt.compareAndSet(0, System.nanoTime());
			return Reply.of(200, "[]", Map.of("X-Consul-Index", "7"));
		}); ConsulHealthWatch watch = watch(agent.uri())) {
			AtomicInteger changes = new AtomicInteger();
			watch.watch("shop", changes::incrementAndGet);
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() >= 4);
			// the first answer gives the index, each later one waits a second before
			// asking again
			assertThat(System.nanoTime() - firstAt.get()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
			assertThat(changes).hasValue(0);
		}
	}

	@Test
	void failuresAreRetriedWithBackoffAndLoggedOnce(CapturedLog output) throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(500, "boom"));
				ConsulHealthWatch watch = watch(agent.uri())) {
			watch.watch("shop", () -> {
			});
			// 1 s, then 2 s: three requests take at least 3 s
			long started = System.nanoTime();
			await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() >= 3);
			assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(3));
			assertThat(RegistrationKeeperTests.count(output.getOut(), "Consul health watch of 'shop'")).isOne();
			assertThat(output.getOut()).contains("failed (HTTP 500)");
			agent.answer((request) -> Reply.of(200, "[]", Map.of("X-Consul-Index", "3")));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> output.getOut().contains("Consul health watch of 'shop' answers again"));
		}
	}

	@Test
	void anUnreachableAgentIsNamedByTheExceptionAlone(CapturedLog output) throws Exception {
		int port = RegistrationKeeperTests.freePort();
		try (ConsulHealthWatch watch = watch(URI.create("http://127.0.0.1:" + port))) {
			watch.watch("shop", () -> {
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.contains("Consul health watch of 'shop' at http://127.0.0.1:" + port
							+ "/ failed (ConnectException); retrying"));
		}
	}

	@Test
	void closeLeavesNothingRunning() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.endless())) {
			ConsulHealthWatch watch = watch(agent.uri());
			watch.watch("shop", () -> {
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 1);
			watch.close();
			assertThat(watch.isWatching("shop")).isFalse();
			// the held request is aborted, and nothing is scheduled to ask again
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 0);
			this.scheduler.submit(() -> {
			}).get(10, TimeUnit.SECONDS);
			assertThat(this.scheduler.getQueue()).isEmpty();
			assertThat(agent.requests()).hasSize(1);
			watch.watch("shop", () -> {
			});
			assertThat(watch.isWatching("shop")).isFalse();
		}
	}

	@Test
	void unwatchStopsOneService() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.endless());
				ConsulHealthWatch watch = watch(agent.uri())) {
			watch.watch("shop", () -> {
			});
			watch.watch("cart", () -> {
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 2);
			watch.unwatch("shop");
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 1);
			assertThat(watch.isWatching("shop")).isFalse();
			assertThat(watch.isWatching("cart")).isTrue();
		}
	}

	@Test
	void aWatchStalledAfterTheHeadersIsGivenUpAndAnotherServicesWatchStillReacts(CapturedLog output) throws Exception {
		try (ConsulDevAgent consul = ConsulDevAgent.start();
				MisbehavingAgent agent = new MisbehavingAgent(
						(request) -> request.uri().startsWith("/v1/health/service/stalled") ? Reply.endless()
								: Reply.forward(consul.uri(), request));
				ConsulHealthWatch watch = new ConsulHealthWatch(
						new ConsulAgentClient(agent.uri(), "", Duration.ofMillis(300), this.http),
						Duration.ofSeconds(1), this.scheduler)) {
			AtomicInteger changes = new AtomicInteger();
			watch.watch("stalled", () -> {
			});
			watch.watch("shop", changes::incrementAndGet);
			awaitHeld(consul);
			put(consul.uri(), "/v1/agent/service/register", "{\"ID\":\"shop-1\",\"Name\":\"shop\"}");
			// the watch of shop is not held up by the one that stalls
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(1));
			// and that one gives up within its bound (1 s wait, 62 ms, 300 ms) and asks
			// again
			await().atMost(Duration.ofSeconds(10))
				.until(() -> agent.requests()
					.stream()
					.filter((request) -> request.uri().startsWith("/v1/health/service/stalled"))
					.count() >= 2);
			assertThat(output.getOut()).contains("Consul health watch of 'stalled' at " + agent.uri()
					+ "/ failed (no complete answer within 1362 ms)");
		}
	}

	@Test
	void aClientStartedDuringAnOutageHearsOfTheInstancesOnceTheAgentAnswers() throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(500, "No cluster leader"));
				ConsulHealthWatch watch = watch(agent.uri())) {
			AtomicInteger changes = new AtomicInteger();
			watch.watch("shop", changes::incrementAndGet);
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() >= 1);
			agent.answer((request) -> Reply.of(200, "[]", Map.of("X-Consul-Index", "7")));
			// its resolve found nothing during the outage: the first answer is a change
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(1));
			// the event after: two more answers with the same index are no change
			int asked = agent.requests().size();
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() >= asked + 2);
			assertThat(changes).hasValue(1);
		}
	}

	@Test
	void afterTheAgentRestartsTheWatchDoesNotWaitAWholeWaitBeforeReacting() throws Exception {
		AtomicBoolean restarted = new AtomicBoolean();
		CountDownLatch restart = new CountDownLatch(1);
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> {
			long index = Long.parseLong(request.uri().replaceAll(".*index=(\\d+).*", "$1"));
			if (!restarted.get()) {
				if (index == 0) {
					return Reply.of(200, "[]", Map.of("X-Consul-Index", "100"));
				}
				// held until the agent goes away
				awaitQuietly(restart);
				return Reply.of(500, "agent shutting down");
			}
			// a new agent: its index is 5, and Consul holds an index from before for the
			// whole wait
			return (index == 0) ? Reply.of(200, "[]", Map.of("X-Consul-Index", "5")) : Reply.never();
		}); ConsulHealthWatch watch = watch(agent.uri())) {
			AtomicInteger changes = new AtomicInteger();
			watch.watch("shop", changes::incrementAndGet);
			await().atMost(Duration.ofSeconds(10)).until(() -> agent.inFlight() == 1);
			restarted.set(true);
			restart.countDown();
			// the watch waits 30 s per query: a change well before that did not wait for
			// one
			await().atMost(Duration.ofSeconds(10)).untilAtomic(changes, org.hamcrest.Matchers.is(1));
			// and goes on from the new agent's index
			await().atMost(Duration.ofSeconds(10))
				.until(() -> agent.requests().stream().anyMatch((request) -> request.uri().contains("index=5&")));
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ConsulHealthWatch watch(URI agent) {
		return new ConsulHealthWatch(new ConsulAgentClient(agent, "", Duration.ofSeconds(2), this.http),
				Duration.ofSeconds(30), this.scheduler);
	}

	// the watch's query is held by the agent: a change from now on is seen
	private static void awaitHeld(ConsulDevAgent agent) {
		await().atMost(Duration.ofSeconds(10)).until(() -> agent.heldQueries() > 0);
	}

	private static void put(URI agent, String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(agent.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
