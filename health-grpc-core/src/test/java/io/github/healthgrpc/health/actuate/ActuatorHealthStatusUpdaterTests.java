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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ActuatorHealthStatusUpdater} and {@link ServiceHealthBinding}.
 *
 * @author health-grpc authors
 */
@org.junit.jupiter.api.extension.ExtendWith(io.github.healthgrpc.testsupport.LogCaptureExtension.class)
class ActuatorHealthStatusUpdaterTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.executor, true);

	private final Map<String, String> statuses = new ConcurrentHashMap<>(Map.of("db", "UP", "cache", "UP"));

	private final ActuatorHealthStatusUpdater updater = updater(Duration.ofHours(1));

	@AfterEach
	void shutdown() {
		this.updater.stop();
		this.executor.shutdownNow();
	}

	@Test
	void overallFollowsEveryContributorByDefault() {
		this.updater.update();
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.SERVING);
		this.statuses.put("cache", "DOWN");
		this.updater.update();
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void aServiceBoundToOneContributorIgnoresTheOthers() {
		this.updater.track(List.of("orders.Orders", "other.Other"));
		this.statuses.put("cache", "DOWN");
		this.updater.update();
		assertThat(this.registry.getStatus("orders.Orders")).isEqualTo(ServingStatus.SERVING);
		assertThat(this.registry.getStatus("other.Other")).isEqualTo(ServingStatus.NOT_SERVING);
		this.statuses.put("db", "OUT_OF_SERVICE");
		this.updater.update();
		assertThat(this.registry.getStatus("orders.Orders")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void customStatusesFollowTheMapping() {
		this.statuses.put("db", "DEGRADED");
		this.statuses.remove("cache");
		this.updater.update();
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void startedUpdaterEvaluatesAtOnceAndLateServicesGetItsStatus() {
		ActuatorHealthStatusUpdater scheduled = updater(Duration.ofHours(1));
		scheduled.start();
		try {
			await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
			scheduled.track(List.of("late.Svc"));
			await().until(() -> this.registry.getStatus("late.Svc") == ServingStatus.SERVING);
		}
		finally {
			scheduled.stop();
		}
		assertThat(scheduled.isRunning()).isFalse();
	}

	@Test
	void evaluateSoonRunsARoundOnceSettledWithoutWaitingForThePeriod() {
		ActuatorHealthStatusUpdater scheduled = updater(Duration.ofHours(1));
		scheduled.start();
		try {
			await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
			this.statuses.put("db", "OUT_OF_SERVICE");
			AtomicInteger asked = new AtomicInteger();
			AtomicBoolean settled = new AtomicBoolean();
			scheduled.evaluateSoon(() -> {
				asked.incrementAndGet();
				return settled.get();
			});
			// not settled: asked again, and no round yet
			await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() >= 3);
			assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.SERVING);
			settled.set(true);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.getStatus("") == ServingStatus.NOT_SERVING);
		}
		finally {
			scheduled.stop();
		}
	}

	@Test
	void evaluateSoonStopsWaitingAfterAboutASecond() {
		ActuatorHealthStatusUpdater scheduled = updater(Duration.ofHours(1));
		scheduled.start();
		try {
			await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
			this.statuses.put("db", "DOWN");
			AtomicInteger asked = new AtomicInteger();
			scheduled.evaluateSoon(() -> asked.incrementAndGet() < 0);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.getStatus("") == ServingStatus.NOT_SERVING);
			assertThat(asked.get()).isEqualTo(100);
		}
		finally {
			scheduled.stop();
		}
	}

	@Test
	void evaluateSoonWhileStoppedDoesNothing() {
		this.updater.evaluateSoon(() -> true);
		// not started: no thread to run a round, and none is made
		assertThat(this.updater.isRunning()).isFalse();
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void everyTrackedNameIsNotServingBeforeItsFirstEvaluation() {
		ActuatorHealthStatusUpdater fresh = new ActuatorHealthStatusUpdater(this.registry, evaluator(),
				(service) -> ServiceHealthBinding.all(StatusCodeAggregator.defaultOrder()),
				ServingStatusMapper.of(ServingStatusMapper.defaultMapping()), Duration.ofHours(1),
				List.of("readiness"));
		// nothing evaluated yet: known, and not serving
		assertThat(this.registry.snapshot()).containsOnlyKeys("", "readiness")
			.containsValues(ServingStatus.NOT_SERVING);
		fresh.track(List.of("a.Svc"));
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
		fresh.update();
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
		// tracking a known name again leaves its status alone
		fresh.track(List.of("a.Svc"));
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void closeEndsTheSchedulerAndTheContributorThreads() throws Exception {
		ContributorEvaluator owned = new ContributorEvaluator(source(Map.of("db", indicator("db"))),
				Duration.ofSeconds(5));
		ActuatorHealthStatusUpdater closing = new ActuatorHealthStatusUpdater(this.registry, owned,
				(service) -> ServiceHealthBinding.all(StatusCodeAggregator.defaultOrder()),
				ServingStatusMapper.of(ServingStatusMapper.defaultMapping()), Duration.ofMillis(10), List.of());
		List<Thread> before = healthGrpcThreads();
		// started from a thread that is no daemon: a thread inherits that flag otherwise
		Thread starter = new Thread(closing::start);
		starter.setDaemon(false);
		starter.start();
		starter.join(5000);
		await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
		List<Thread> ours = new java.util.ArrayList<>(healthGrpcThreads());
		ours.removeAll(before);
		assertThat(ours).extracting(Thread::getName).contains("health-grpc-evaluator", "health-grpc-contributor");
		assertThat(ours).allMatch(Thread::isDaemon);
		// destroyed without a stop first, as after a failed refresh
		closing.close();
		for (Thread thread : ours) {
			thread.join(5000);
			assertThat(thread.isAlive()).as(thread.getName() + " still alive").isFalse();
		}
	}

	@Test
	void rejectsAPeriodThatIsNotPositive() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> updater(Duration.ZERO));
	}

	@Test
	void startsBeforeTheGrpcServerSoThatItsFirstRoundIsUnderWay() {
		// net.devh's server lifecycle runs at Integer.MAX_VALUE
		assertThat(this.updater.getPhase()).isLessThan(Integer.MAX_VALUE);
		assertThat(this.updater.isRunning()).isFalse();
	}

	@Test
	void closingAnUpdaterThatNeverStartedIsFine() {
		this.updater.close();
		assertThat(this.updater.isRunning()).isFalse();
	}

	@Test
	void aNameTrackedAfterARoundTakesItsStatusFromItAtOnceWithoutAnotherRound() {
		java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
		ContributorEvaluator counting = new ContributorEvaluator(source(Map.of("db", () -> {
			rounds.incrementAndGet();
			return "UP";
		})), Duration.ofSeconds(5), this.executor);
		ActuatorHealthStatusUpdater scheduled = new ActuatorHealthStatusUpdater(this.registry, counting,
				(service) -> ServiceHealthBinding.all(StatusCodeAggregator.defaultOrder()),
				ServingStatusMapper.of(ServingStatusMapper.defaultMapping()), Duration.ofHours(1), List.of("a.Svc"));
		scheduled.start();
		try {
			await().until(() -> this.registry.getStatus("a.Svc") == ServingStatus.SERVING);
			scheduled.track(List.of("a.Svc", ""));
			// as a server's services are tracked once it started: SERVING at once
			scheduled.track(List.of("b.Svc"));
			assertThat(this.registry.getStatus("b.Svc")).isEqualTo(ServingStatus.SERVING);
			scheduled.stop();
			assertThat(rounds).hasValue(1);
		}
		finally {
			scheduled.close();
		}
	}

	@Test
	void closeWarnsWhenARoundDoesNotStopInTime(io.github.healthgrpc.testsupport.CapturedLog output) {
		ActuatorHealthStatusUpdater stubborn = startedStubbornRound(Duration.ofSeconds(3));
		stubborn.close();
		assertThat(output.getOut()).contains("gRPC health evaluation did not stop within 2000 ms");
	}

	@Test
	void aCloseThatIsInterruptedWhileItWaitsKeepsTheInterrupt() {
		ActuatorHealthStatusUpdater stubborn = startedStubbornRound(Duration.ofSeconds(1));
		// the round still runs: close waits for it, and is interrupted at once
		Thread.currentThread().interrupt();
		stubborn.close();
		assertThat(Thread.interrupted()).isTrue();
	}

	/**
	 * Start an updater whose first round is under way and deaf to interrupts for this
	 * long.
	 */
	private ActuatorHealthStatusUpdater startedStubbornRound(Duration length) {
		java.util.concurrent.CountDownLatch inRound = new java.util.concurrent.CountDownLatch(1);
		ActuatorHealthStatusUpdater stubborn = new ActuatorHealthStatusUpdater(this.registry, evaluator(),
				(service) -> {
					inRound.countDown();
					long until = System.nanoTime() + length.toNanos();
					while (System.nanoTime() < until) {
						Thread.onSpinWait();
					}
					return ServiceHealthBinding.all(StatusCodeAggregator.defaultOrder());
				}, ServingStatusMapper.of(ServingStatusMapper.defaultMapping()), Duration.ofHours(1), List.of());
		stubborn.start();
		await().until(() -> inRound.getCount() == 0);
		return stubborn;
	}

	private static List<Thread> healthGrpcThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("health-grpc-"))
			.toList();
	}

	@Test
	void aFailingRoundKeepsThePreviousStatuses() {
		java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
		ActuatorHealthStatusUpdater updater = new ActuatorHealthStatusUpdater(this.registry, evaluator(), (service) -> {
			if (failing.get()) {
				throw new IllegalStateException("boom");
			}
			return ServiceHealthBinding.all(StatusCodeAggregator.defaultOrder());
		}, ServingStatusMapper.of(ServingStatusMapper.defaultMapping()), Duration.ofHours(1), List.of());
		updater.update();
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.SERVING);
		failing.set(true);
		this.statuses.put("db", "DOWN");
		updater.update();
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void bindingWithoutMembersIsUp() {
		ServiceHealthBinding none = new ServiceHealthBinding((name) -> false, StatusCodeAggregator.defaultOrder());
		assertThat(none.aggregate(Map.of("db", "DOWN"))).isEqualTo("UP");
	}

	private ActuatorHealthStatusUpdater updater(Duration period) {
		Map<String, ServingStatus> mapping = ServingStatusMapper.defaultMapping();
		mapping.put("DEGRADED", ServingStatus.SERVING);
		StatusCodeAggregator aggregator = StatusCodeAggregator
			.of(List.of("DOWN", "OUT_OF_SERVICE", "DEGRADED", "UP", "UNKNOWN"));
		ServiceHealthBinding orders = new ServiceHealthBinding("db"::equals, aggregator);
		return new ActuatorHealthStatusUpdater(this.registry, evaluator(),
				(service) -> service.equals("orders.Orders") ? orders : ServiceHealthBinding.all(aggregator),
				ServingStatusMapper.of(mapping), period, List.of());
	}

	private ContributorEvaluator evaluator() {
		Map<String, Callable<String>> contributors = new java.util.LinkedHashMap<>();
		contributors.put("db", indicator("db"));
		contributors.put("cache", indicator("cache"));
		return new ContributorEvaluator(source(contributors), Duration.ofSeconds(5), this.executor);
	}

	private static HealthContributorSource source(Map<String, Callable<String>> contributors) {
		return () -> contributors.entrySet()
			.stream()
			.map((entry) -> new ContributorCheck(entry.getKey(), entry.getValue()))
			.iterator();
	}

	private Callable<String> indicator(String name) {
		return () -> this.statuses.getOrDefault(name, "UP");
	}

}
