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

package io.github.healthgrpc.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faulty health contributors in a whole application over Netty: one that throws, one that
 * hangs far longer than the per-contributor timeout, one that answers garbage and one
 * that answers nothing. Each turns only the services bound to it to what docs/health.md
 * promises, Check stays fast while the hang lasts, and the hang holds one thread, not one
 * per round.
 *
 * @author health-grpc authors
 */
class ContributorFaultReliabilityTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	// evaluation rounds (every 100 ms, each waiting up to the timeout) the hang lasts
	private static final int ROUNDS = 20;

	// evaluator, notifier, and a thread per contributor evaluated at once (eight),
	// twice over where one round's threads are not yet idle when the next starts
	private static final int THREAD_BOUND = 18;

	private static final Map<String, ServingStatus> EXPECTED = new LinkedHashMap<>();

	static {
		EXPECTED.put("", ServingStatus.SERVING);
		EXPECTED.put("test.v1.Echo", ServingStatus.SERVING);
		EXPECTED.put("test.v1.Other", ServingStatus.SERVING);
		// docs/health.md: a contributor that throws is DOWN, one that does not answer in
		// time is DOWN; DOWN is NOT_SERVING, an unknown status code UNKNOWN
		EXPECTED.put("fault.Throws", ServingStatus.NOT_SERVING);
		EXPECTED.put("fault.Hangs", ServingStatus.NOT_SERVING);
		EXPECTED.put("fault.Garbage", ServingStatus.UNKNOWN);
		// a null Health fails the evaluation as a throw does
		EXPECTED.put("fault.Null", ServingStatus.NOT_SERVING);
		// bound to every contributor, the faulty ones included
		EXPECTED.put("grpc.reflection.v1alpha.ServerReflection", ServingStatus.NOT_SERVING);
	}

	@Test
	void faultyContributorsTurnOnlyTheirOwnServicesAndCheckStaysFastThroughoutTheHang() throws Exception {
		List<Thread> before = LoadFaultHarness.healthGrpcThreads();
		ConfigurableApplicationContext context = LoadFaultHarness.app(List.of(FaultyContributors.class),
				"health-grpc.health.schedule.contributor-timeout=" + TIMEOUT.toMillis() + "ms",
				"health-grpc.health.overall.include=db,cache", "health-grpc.health.services[test.v1.Echo].include=db",
				"health-grpc.health.services[test.v1.Other].include=cache",
				"health-grpc.health.services[fault.Throws].include=throwing",
				"health-grpc.health.services[fault.Hangs].include=hanging",
				"health-grpc.health.services[fault.Garbage].include=garbage",
				"health-grpc.health.services[fault.Null].include=nothing");
		Faults faults = context.getBean(Faults.class);
		ManagedChannel channel = LoadFaultHarness.channel(LoadFaultHarness.port(context));
		try {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(statuses(channel)).isEqualTo(EXPECTED));
			int threadsAtMost = 0;
			int hangingAtMost = 0;
			List<Long> latencies = new ArrayList<>();
			int from = faults.throwing.get();
			int round = from;
			List<String> names = new ArrayList<>(EXPECTED.keySet());
			// Check after Check while the hang lasts ROUNDS more evaluation rounds
			for (int i = 0; faults.throwing.get() < from + ROUNDS; i++) {
				assertThat(faults.hangs.getCount()).as("still hanging").isOne();
				String name = names.get(i % names.size());
				long started = System.nanoTime();
				ServingStatus status = LoadFaultHarness.check(channel, name);
				latencies.add(System.nanoTime() - started);
				assertThat(status).as(name).isEqualTo(EXPECTED.get(name));
				if (faults.throwing.get() != round) {
					// once a round: a thread dump stops every thread, the server's too
					round = faults.throwing.get();
					threadsAtMost = Math.max(threadsAtMost, newThreads(before).size());
					hangingAtMost = Math.max(hangingAtMost, threadsIn("hangingHealthIndicator"));
				}
			}
			Collections.sort(latencies);
			long p99 = latencies.get(latencies.size() * 99 / 100);
			long max = latencies.get(latencies.size() - 1);
			System.out.printf(
					"Faulty contributors: %,d Checks over %d rounds of a hang, p99 %.2f ms, max %.2f ms; "
							+ "health-grpc threads at most %d more than before the start, %d of them in the hang%n",
					latencies.size(), ROUNDS, p99 / 1e6, max / 1e6, threadsAtMost, hangingAtMost);
			assertThat(Duration.ofNanos(p99)).isLessThan(Duration.ofMillis(100));
			// inside a Kubernetes probe's 1 s timeout, even on a loaded machine
			assertThat(Duration.ofNanos(max)).isLessThan(Duration.ofSeconds(1));
			assertThat(hangingAtMost).as("threads held by the hang").isOne();
			assertThat(threadsAtMost).as("health-grpc threads beyond those before: %s", newThreads(before))
				.isLessThanOrEqualTo(THREAD_BOUND);
			// the hang ends: its service comes back, the others stay
			faults.hangs.countDown();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> LoadFaultHarness.check(channel, "fault.Hangs") == ServingStatus.SERVING);
			assertThat(LoadFaultHarness.check(channel, "fault.Throws")).isEqualTo(ServingStatus.NOT_SERVING);
		}
		finally {
			faults.hangs.countDown();
			LoadFaultHarness.shutdown(List.of(channel));
			context.close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> newThreads(before).isEmpty());
	}

	private static Map<String, ServingStatus> statuses(ManagedChannel channel) {
		Map<String, ServingStatus> statuses = new LinkedHashMap<>();
		EXPECTED.keySet().forEach((name) -> statuses.put(name, LoadFaultHarness.check(channel, name)));
		return statuses;
	}

	private static int threadsIn(String method) {
		return (int) Thread.getAllStackTraces()
			.values()
			.stream()
			.filter((stack) -> Arrays.stream(stack).anyMatch((frame) -> frame.getMethodName().contains(method)))
			.count();
	}

	private static List<String> newThreads(List<Thread> before) {
		return LoadFaultHarness.healthGrpcThreads()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.map(Thread::getName)
			.toList();
	}

	/**
	 * What the faulty contributors share with the test.
	 */
	static class Faults {

		final AtomicInteger throwing = new AtomicInteger();

		final AtomicInteger garbage = new AtomicInteger();

		final CountDownLatch hangs = new CountDownLatch(1);

	}

	/**
	 * The faulty contributors, named after their beans: {@code throwing},
	 * {@code hanging}, {@code garbage} and {@code nothing}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FaultyContributors {

		@Bean
		Faults faults() {
			return new Faults();
		}

		@Bean
		HealthIndicator throwingHealthIndicator(Faults faults) {
			return () -> {
				// an Error now and then: it must not end the evaluation thread
				if (faults.throwing.incrementAndGet() % 2 == 0) {
					throw new NoClassDefFoundError("com/example/Driver");
				}
				throw new IllegalStateException("database connection refused");
			};
		}

		@Bean
		HealthIndicator hangingHealthIndicator(Faults faults) {
			return () -> {
				try {
					faults.hangs.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			};
		}

		@Bean
		HealthIndicator garbageHealthIndicator(Faults faults) {
			return () -> {
				Map<String, Object> details = new HashMap<>();
				details.put("null", null);
				details.put("huge", "x".repeat(100_000));
				String code = (faults.garbage.incrementAndGet() % 2 == 0) ? "" : "GARBAGE \u2603";
				return Health.status(new Status(code, "")).withDetails(details).build();
			};
		}

		@Bean
		HealthIndicator nothingHealthIndicator() {
			return () -> null;
		}

	}

}
