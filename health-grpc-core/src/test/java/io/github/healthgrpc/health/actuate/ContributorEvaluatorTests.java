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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
		Map<String, Callable<String>> contributors = new LinkedHashMap<>();
		contributors.put("db", up());
		contributors.put("disk", () -> "OUT_OF_SERVICE");
		assertThat(evaluator(contributors, Duration.ofSeconds(5)).evaluate()).containsExactly(Map.entry("db", "UP"),
				Map.entry("disk", "OUT_OF_SERVICE"));
	}

	@Test
	void aThrowingContributorIsDown() {
		Map<String, Callable<String>> contributors = Map.of("broken", () -> {
			throw new IllegalStateException("boom");
		});
		assertThat(evaluator(contributors, Duration.ofSeconds(5)).evaluate()).containsEntry("broken", "DOWN");
	}

	@Test
	void aHangingContributorIsDownAfterTheTimeoutAndIsNotStartedAgainWhileItHangs() {
		AtomicInteger calls = new AtomicInteger();
		Map<String, Callable<String>> contributors = new LinkedHashMap<>();
		contributors.put("hanging", () -> {
			calls.incrementAndGet();
			awaitRelease();
			return "UP";
		});
		contributors.put("db", up());
		ContributorEvaluator evaluator = evaluator(contributors, Duration.ofMillis(100));
		assertThat(evaluator.evaluate()).containsEntry("hanging", "DOWN").containsEntry("db", "UP");
		assertThat(evaluator.evaluate()).containsEntry("hanging", "DOWN").containsEntry("db", "UP");
		assertThat(calls).hasValue(1);
		this.release.countDown();
		org.awaitility.Awaitility.await().until(() -> "UP".equals(evaluator.evaluate().get("hanging")));
	}

	@Test
	void overlappingEvaluationsShareAContributorThatIsStillRunning() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		Map<String, Callable<String>> contributors = Map.of("slow", () -> {
			calls.incrementAndGet();
			entered.countDown();
			awaitRelease();
			return "UP";
		});
		ContributorEvaluator evaluator = evaluator(contributors, Duration.ofSeconds(10));
		java.util.concurrent.Future<Map<String, String>> first = this.executor.submit(evaluator::evaluate);
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		java.util.concurrent.CompletableFuture<Map<String, String>> second = new java.util.concurrent.CompletableFuture<>();
		Thread overlapping = new Thread(() -> second.complete(evaluator.evaluate()));
		overlapping.start();
		// release only once the second evaluation waits for the first one's run (or has
		// already answered)
		org.awaitility.Awaitility.await()
			.until(() -> second.isDone() || overlapping.getState() == Thread.State.TIMED_WAITING);
		this.release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).containsEntry("slow", "UP");
		assertThat(second.get(5, TimeUnit.SECONDS)).containsEntry("slow", "UP");
		assertThat(calls).hasValue(1);
	}

	@Test
	void aContributorWithoutAStatusIsDown() {
		assertThat(evaluator(Map.of("nothing", () -> null), Duration.ofSeconds(5)).evaluate()).containsEntry("nothing",
				"DOWN");
	}

	@Test
	void onlyTheContributorsAFilterKeepsAreAsked() {
		AtomicInteger asked = new AtomicInteger();
		Map<String, Callable<String>> contributors = new LinkedHashMap<>();
		contributors.put("db", up());
		contributors.put("consul", () -> {
			asked.incrementAndGet();
			return "DOWN";
		});
		ContributorEvaluator evaluator = new ContributorEvaluator(
				source(contributors).filtered((name) -> !name.equals("consul")), Duration.ofSeconds(5), this.executor);
		assertThat(evaluator.evaluate()).containsOnlyKeys("db");
		assertThat(asked).hasValue(0);
	}

	@Test
	void rejectsATimeoutThatIsNotPositive() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> evaluator(Map.of(), Duration.ZERO));
	}

	@Test
	void anInterruptedEvaluationCountsWhatItWaitsForAsDownAndKeepsTheInterrupt() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		Map<String, Callable<String>> contributors = Map.of("slow", () -> {
			entered.countDown();
			awaitRelease();
			return "UP";
		});
		ContributorEvaluator evaluator = evaluator(contributors, Duration.ofSeconds(30));
		java.util.concurrent.CompletableFuture<Map<String, String>> result = new java.util.concurrent.CompletableFuture<>();
		java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
		Thread evaluating = new Thread(() -> {
			result.complete(evaluator.evaluate());
			interrupted.set(Thread.currentThread().isInterrupted());
		});
		evaluating.start();
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		evaluating.interrupt();
		assertThat(result.get(5, TimeUnit.SECONDS)).containsEntry("slow", "DOWN");
		evaluating.join(5000);
		assertThat(interrupted).isTrue();
	}

	@Test
	void closeInterruptsTheThreadsItCreatedButNotAGivenExecutor() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		ContributorEvaluator own = new ContributorEvaluator(source(Map.of("slow", () -> {
			entered.countDown();
			try {
				Thread.sleep(30_000);
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
			return "UP";
		})), Duration.ofMillis(50));
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

	private ContributorEvaluator evaluator(Map<String, Callable<String>> contributors, Duration timeout) {
		return new ContributorEvaluator(source(contributors), timeout, this.executor);
	}

	private static HealthContributorSource source(Map<String, Callable<String>> contributors) {
		return () -> contributors.entrySet()
			.stream()
			.map((entry) -> new ContributorCheck(entry.getKey(), entry.getValue()))
			.iterator();
	}

	private static Callable<String> up() {
		return () -> "UP";
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
