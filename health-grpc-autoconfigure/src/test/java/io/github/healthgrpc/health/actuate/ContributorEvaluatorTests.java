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

package io.github.healthgrpc.health.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContributorEvaluator}.
 *
 * @author health-grpc authors
 */
class ContributorEvaluatorTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void shutdown() {
		this.release.countDown();
		this.executor.shutdownNow();
	}

	@Test
	void evaluatesEveryContributorByName() {
		Map<String, HealthContributor> contributors = new LinkedHashMap<>();
		contributors.put("db", up());
		contributors.put("disk", (HealthIndicator) () -> Health.outOfService().build());
		assertThat(evaluator(contributors, Duration.ofSeconds(5)).evaluate())
			.containsExactly(Map.entry("db", Status.UP), Map.entry("disk", Status.OUT_OF_SERVICE));
	}

	@Test
	void aThrowingContributorIsDown() {
		Map<String, HealthContributor> contributors = Map.of("broken", (HealthIndicator) () -> {
			throw new IllegalStateException("boom");
		});
		assertThat(evaluator(contributors, Duration.ofSeconds(5)).evaluate()).containsEntry("broken", Status.DOWN);
	}

	@Test
	void aHangingContributorIsDownAfterTheTimeoutAndIsNotStartedAgainWhileItHangs() {
		AtomicInteger calls = new AtomicInteger();
		Map<String, HealthContributor> contributors = new LinkedHashMap<>();
		contributors.put("hanging", (HealthIndicator) () -> {
			calls.incrementAndGet();
			awaitRelease();
			return Health.up().build();
		});
		contributors.put("db", up());
		ContributorEvaluator evaluator = evaluator(contributors, Duration.ofMillis(100));
		assertThat(evaluator.evaluate()).containsEntry("hanging", Status.DOWN).containsEntry("db", Status.UP);
		assertThat(evaluator.evaluate()).containsEntry("hanging", Status.DOWN).containsEntry("db", Status.UP);
		assertThat(calls).hasValue(1);
		this.release.countDown();
		org.awaitility.Awaitility.await().until(() -> evaluator.evaluate().get("hanging") == Status.UP);
	}

	@Test
	void overlappingEvaluationsShareAContributorThatIsStillRunning() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		Map<String, HealthContributor> contributors = Map.of("slow", (HealthIndicator) () -> {
			calls.incrementAndGet();
			entered.countDown();
			awaitRelease();
			return Health.up().build();
		});
		ContributorEvaluator evaluator = evaluator(contributors, Duration.ofSeconds(10));
		java.util.concurrent.Future<Map<String, Status>> first = this.executor.submit(evaluator::evaluate);
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		java.util.concurrent.CompletableFuture<Map<String, Status>> second = new java.util.concurrent.CompletableFuture<>();
		Thread overlapping = new Thread(() -> second.complete(evaluator.evaluate()));
		overlapping.start();
		// release only once the second evaluation waits for the first one's run (or has
		// already answered)
		org.awaitility.Awaitility.await()
			.until(() -> second.isDone() || overlapping.getState() == Thread.State.TIMED_WAITING);
		this.release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("slow", Status.UP);
		assertThat(second.get(5, TimeUnit.SECONDS)).containsEntry("slow", Status.UP);
		assertThat(calls).hasValue(1);
	}

	@Test
	void aCompositeContributorIsAggregatedAsOneUnit() {
		Map<String, HealthContributor> children = Map.of("a", up(), "b", (HealthIndicator) () -> Health.down().build());
		Map<String, HealthContributor> contributors = Map.of("group", CompositeHealthContributor.fromMap(children));
		assertThat(evaluator(contributors, Duration.ofSeconds(5)).evaluate()).containsEntry("group", Status.DOWN);
	}

	@Test
	void rejectsATimeoutThatIsNotPositive() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> evaluator(Map.of(), Duration.ZERO));
	}

	@Test
	void aCompositeOfHealthyContributorsIsUpAndAnEmptyOneToo() {
		Map<String, HealthContributor> contributors = Map.of("healthy",
				CompositeHealthContributor.fromMap(Map.of("a", up(), "b", up())), "empty",
				CompositeHealthContributor.fromMap(Map.of()));
		assertThat(evaluator(contributors, Duration.ofSeconds(5)).evaluate()).containsEntry("healthy", Status.UP)
			.containsEntry("empty", Status.UP);
	}

	@Test
	void aContributorOfAnotherKindIsUnknown() {
		HealthContributor other = new HealthContributor() {
		};
		assertThat(evaluator(Map.of("other", other), Duration.ofSeconds(5)).evaluate()).containsEntry("other",
				Status.UNKNOWN);
	}

	@Test
	void anInterruptedEvaluationCountsWhatItWaitsForAsDownAndKeepsTheInterrupt() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		Map<String, HealthContributor> contributors = Map.of("slow", (HealthIndicator) () -> {
			entered.countDown();
			awaitRelease();
			return Health.up().build();
		});
		ContributorEvaluator evaluator = evaluator(contributors, Duration.ofSeconds(30));
		java.util.concurrent.CompletableFuture<Map<String, Status>> result = new java.util.concurrent.CompletableFuture<>();
		java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
		Thread evaluating = new Thread(() -> {
			result.complete(evaluator.evaluate());
			interrupted.set(Thread.currentThread().isInterrupted());
		});
		evaluating.start();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		evaluating.interrupt();
		assertThat(result.get(5, TimeUnit.SECONDS)).containsEntry("slow", Status.DOWN);
		evaluating.join(5000);
		assertThat(interrupted).isTrue();
	}

	@Test
	void closeInterruptsTheThreadsItCreatedButNotAGivenExecutor() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		ContributorEvaluator own = new ContributorEvaluator(
				new DefaultHealthContributorRegistry(Map.of("slow", (HealthIndicator) () -> {
					entered.countDown();
					try {
						Thread.sleep(30_000);
					}
					catch (InterruptedException ex) {
						interrupted.countDown();
					}
					return Health.up().build();
				})), StatusAggregator.getDefault(), Duration.ofMillis(50));
		// from a thread that is no daemon: the pool's threads would inherit the flag
		Thread evaluating = new Thread(own::evaluate);
		evaluating.setDaemon(false);
		evaluating.start();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().equals("health-grpc-contributor"))
			.isNotEmpty()
			.allMatch(Thread::isDaemon);
		evaluating.join(5000);
		own.close();
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
		evaluator(Map.of(), Duration.ofSeconds(1)).close();
		assertThat(this.executor.isShutdown()).isFalse();
	}

	private ContributorEvaluator evaluator(Map<String, HealthContributor> contributors, Duration timeout) {
		return new ContributorEvaluator(new DefaultHealthContributorRegistry(contributors),
				StatusAggregator.getDefault(), timeout, this.executor);
	}

	private static HealthIndicator up() {
		return () -> Health.up().build();
	}

	private void awaitRelease() {
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
