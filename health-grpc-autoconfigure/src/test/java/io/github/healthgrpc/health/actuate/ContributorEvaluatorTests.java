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
