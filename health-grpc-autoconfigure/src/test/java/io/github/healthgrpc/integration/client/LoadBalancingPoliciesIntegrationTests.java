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

package io.github.healthgrpc.integration.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.healthgrpc.test.v1.EchoResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Each load-balancing policy over many calls to real servers on 127.0.0.1, selected the
 * way users select it ({@code grpc.client.<name>.default-load-balancing-policy}).
 *
 * @author health-grpc authors
 */
@ExtendWith(OutputCaptureExtension.class)
class LoadBalancingPoliciesIntegrationTests {

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@Test
	void weightedSplitsCallsExactlyByTheWeightsInDiscoveryMetadata() throws Exception {
		Backend light = this.started.backend("light");
		Backend heavy = this.started.backend("heavy");
		Map<Backend, Integer> weights = new LinkedHashMap<>();
		weights.put(light, 1);
		weights.put(heavy, 3);
		List<String> properties = new ArrayList<>(ClientApplication.discovered(weights));
		properties.add("grpc.client.backends.default-load-balancing-policy=weighted");
		ClientApplication.Stubs stubs = this.started.stubs(properties);
		everyoneAnswered(stubs, light, heavy);
		Map<String, Integer> before = counts(light, heavy);
		List<String> answers = answers(stubs, 400);
		Map<String, Integer> calls = since(before, light, heavy);
		System.out.printf("weighted 1:3 over 400 calls: light %d, heavy %d; the first 12 in order: %s%n",
				calls.get("light"), calls.get("heavy"), answers.subList(0, 12));
		assertThat(calls).containsEntry("light", 100).containsEntry("heavy", 300);
		assertEveryRunHolds(answers, Map.of("light", 1, "heavy", 3));
	}

	@Test
	void weightedKeepsTheRelativeSharesOfTheOthersWhileAnInstanceIsNotServing() throws Exception {
		Backend a = this.started.backend("a");
		Backend b = this.started.backend("b");
		Backend c = this.started.backend("c");
		Map<Backend, Integer> weights = new LinkedHashMap<>();
		weights.put(a, 1);
		weights.put(b, 2);
		weights.put(c, 3);
		List<String> properties = new ArrayList<>(ClientApplication.discovered(weights));
		properties.add("grpc.client.backends.default-load-balancing-policy=weighted");
		properties.add("health-grpc.client.channels.backends.health-check.enabled=true");
		ClientApplication.Stubs stubs = this.started.stubs(properties);
		everyoneAnswered(stubs, a, b, c);
		assertEveryRunHolds(answers(stubs, 600), Map.of("a", 1, "b", 2, "c", 3));
		c.serving(false);
		// every 6 calls in a row reach c three times while it is picked: 6 without it
		// prove that the channel picks among a and b only
		await().atMost(Duration.ofSeconds(10)).until(() -> !answers(stubs, 6).contains("c"));
		Map<String, Integer> before = counts(a, b, c);
		List<String> withoutC = answers(stubs, 300);
		Map<String, Integer> calls = since(before, a, b, c);
		System.out.printf("weighted 1:2:3, c NOT_SERVING, 300 calls: %s%n", calls);
		assertThat(calls).containsEntry("a", 100).containsEntry("b", 200).containsEntry("c", 0);
		assertEveryRunHolds(withoutC, Map.of("a", 1, "b", 2));
		c.serving(true);
		await().atMost(Duration.ofSeconds(10)).until(() -> stubs.who().equals("c"));
		before = counts(a, b, c);
		answers(stubs, 600);
		assertThat(since(before, a, b, c)).containsEntry("a", 100).containsEntry("b", 200).containsEntry("c", 300);
	}

	@Test
	void eachRetryAttemptPicksABackendAgain() throws Exception {
		Backend flaky = this.started.backend("flaky");
		Backend steady = this.started.backend("steady");
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(flaky, steady),
				"grpc.client.backends.default-load-balancing-policy=weighted",
				"health-grpc.client.channels.backends.retry.methods=test.v1.Echo",
				"health-grpc.client.channels.backends.retry.initial-backoff=1ms");
		everyoneAnswered(stubs, flaky, steady);
		int flakyBefore = flaky.echoCalls();
		flaky.failNext(3, io.grpc.Status.Code.UNAVAILABLE);
		// weights 1 and 1 alternate: an attempt that fails on flaky is retried on steady
		// (3 attempts on flaky alone would fail the call)
		List<String> answers = answers(stubs, 20);
		assertThat(flaky.echoCalls() - flakyBefore).isGreaterThanOrEqualTo(3);
		assertThat(answers).hasSize(20).containsOnly("flaky", "steady");
	}

	@Test
	void weightedGivesAnInstanceWithoutAValidWeightOne(CapturedOutput output) throws Exception {
		Backend plain = this.started.backend("plain");
		Backend invalid = this.started.backend("invalid");
		Backend heavy = this.started.backend("heavy");
		Map<Backend, Object> weights = new LinkedHashMap<>();
		weights.put(plain, 0);
		weights.put(invalid, "-2");
		weights.put(heavy, 4);
		List<String> properties = new ArrayList<>(ClientApplication.discovered(weights));
		properties.add("grpc.client.backends.default-load-balancing-policy=weighted");
		Map<String, Integer> calls = countAfterEveryoneAnswered(this.started.stubs(properties), 6_000, plain, invalid,
				heavy);
		assertThat(calls).containsEntry("plain", 1_000).containsEntry("invalid", 1_000).containsEntry("heavy", 4_000);
		assertThat(output.getOut().split("has gRPC_weight=-2, not a positive whole number", -1)).hasSize(2);
	}

	@Test
	void aChangeOfWeightsAloneReachesTheChannel() throws Exception {
		Backend light = this.started.backend("light");
		Backend heavy = this.started.backend("heavy");
		Map<Backend, Integer> weights = new LinkedHashMap<>();
		weights.put(light, 1);
		weights.put(heavy, 1);
		List<String> properties = new ArrayList<>(ClientApplication.discovered(weights));
		properties.add("grpc.client.backends.default-load-balancing-policy=weighted");
		ConfigurableApplicationContext context = this.started.context(ClientApplication.class, properties);
		ClientApplication.Stubs stubs = context.getBean(ClientApplication.Stubs.class);
		assertThat(countAfterEveryoneAnswered(stubs, 2_000, light, heavy)).containsEntry("heavy", 1_000);
		SimpleDiscoveryProperties discovery = context.getBean(SimpleDiscoveryProperties.class);
		discovery.getInstances().get("backends").get(1).getMetadata().put("gRPC_weight", "9");
		// only the weight changed; a heartbeat makes clients resolve again
		context.publishEvent(new HeartbeatEvent(this, "weights changed"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(since(counts(light, heavy), stubs, 1_000, light, heavy))
				.containsEntry("heavy", 900));
	}

	@Test
	void randomSpreadsCallsEvenly() throws Exception {
		Backend a = this.started.backend("a");
		Backend b = this.started.backend("b");
		Backend c = this.started.backend("c");
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(a, b, c),
				"grpc.client.backends.default-load-balancing-policy=random");
		everyoneAnswered(stubs, a, b, c);
		Map<String, Integer> before = counts(a, b, c);
		List<String> answers = answers(stubs, 9_000);
		Map<String, Integer> calls = since(before, a, b, c);
		long repeats = java.util.stream.IntStream.range(1, answers.size())
			.filter((i) -> answers.get(i).equals(answers.get(i - 1)))
			.count();
		System.out.printf("random over 3 backends, 9,000 calls: %s; the same backend twice in a row %d times%n", calls,
				repeats);
		calls.values().forEach((count) -> assertThat(count / 9_000.0).isCloseTo(1 / 3.0, within(0.035)));
		// independent picks repeat a third of the time; round_robin's turns never do
		assertThat(repeats / 8_999.0).isCloseTo(1 / 3.0, within(0.05));
	}

	@ParameterizedTest
	@ValueSource(strings = { "least_request", "least_request_all" })
	void leastRequestSendsLessToASlowBackend(String policy) throws Exception {
		Backend slow = this.started.backend("slow");
		Backend fast1 = this.started.backend("fast1");
		Backend fast2 = this.started.backend("fast2");
		slow.slow(Duration.ofMillis(40));
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(slow, fast1, fast2),
				"grpc.client.backends.default-load-balancing-policy=" + policy);
		everyoneAnswered(stubs, slow, fast1, fast2);
		Map<String, Integer> before = counts(slow, fast1, fast2);
		int total = 3_000;
		inFlight(stubs, total, 16);
		Map<String, Integer> calls = since(before, slow, fast1, fast2);
		double slowShare = calls.get("slow") / (double) total;
		System.out.printf("%s, 16 calls in flight, one backend 40 ms slower: %s (slow %.3f of %d)%n", policy, calls,
				slowShare, total);
		// random or round robin would give it a third
		assertThat(slowShare).isLessThan(0.15);
	}

	@ParameterizedTest
	@ValueSource(strings = { "round_robin", "random", "least_request", "least_request_all", "weighted" })
	void noPolicySendsToANotServingBackend(String policy) throws Exception {
		Backend a = this.started.backend("a");
		Backend b = this.started.backend("b");
		Backend down = this.started.backend("down");
		down.serving(false);
		Map<Backend, Integer> weights = new LinkedHashMap<>();
		weights.put(a, 1);
		weights.put(b, 1);
		weights.put(down, 5);
		List<String> properties = new ArrayList<>(ClientApplication.discovered(weights));
		properties.add("grpc.client.backends.default-load-balancing-policy=" + policy);
		properties.add("health-grpc.client.channels.backends.health-check.enabled=true");
		ClientApplication.Stubs stubs = this.started.stubs(properties);
		everyoneAnswered(stubs, a, b);
		for (int i = 0; i < 1_000; i++) {
			stubs.who();
		}
		assertThat(down.echoCalls()).as(policy).isZero();
		// the check, not chance, kept it out: SERVING again, it gets calls
		down.serving(true);
		await().atMost(Duration.ofSeconds(10)).until(() -> stubs.who().equals("down"));
	}

	@Test
	void withoutHealthCheckingANotServingBackendStillGetsCalls() throws Exception {
		Backend a = this.started.backend("a");
		Backend down = this.started.backend("down");
		down.serving(false);
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(a, down),
				"grpc.client.backends.default-load-balancing-policy=random");
		everyoneAnswered(stubs, a, down);
	}

	// every backend connected and answering before anything is counted
	private static void everyoneAnswered(ClientApplication.Stubs stubs, Backend... backends) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			stubs.who();
			for (Backend backend : backends) {
				if (backend.echoCalls() == 0) {
					return false;
				}
			}
			return true;
		});
	}

	private static Map<String, Integer> countAfterEveryoneAnswered(ClientApplication.Stubs stubs, int total,
			Backend... backends) {
		everyoneAnswered(stubs, backends);
		Map<String, Integer> before = counts(backends);
		for (int i = 0; i < total; i++) {
			stubs.who();
		}
		Map<String, Integer> calls = since(before, backends);
		assertThat(calls.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
		return calls;
	}

	private static Map<String, Integer> since(Map<String, Integer> before, ClientApplication.Stubs stubs, int total,
			Backend... backends) {
		for (int i = 0; i < total; i++) {
			stubs.who();
		}
		return since(before, backends);
	}

	// the name of the backend that answered each of count calls, in order
	private static List<String> answers(ClientApplication.Stubs stubs, int count) {
		List<String> answers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			answers.add(stubs.who());
		}
		return answers;
	}

	// every run of as many calls as the weights add up to holds each backend exactly its
	// weight's times
	private static void assertEveryRunHolds(List<String> answers, Map<String, Integer> weights) {
		int period = weights.values().stream().mapToInt(Integer::intValue).sum();
		for (int start = 0; start + period <= answers.size(); start++) {
			int from = start;
			List<String> run = answers.subList(from, from + period);
			weights.forEach((name, weight) -> assertThat(java.util.Collections.frequency(run, name))
				.as("%s in calls %d to %d: %s", name, from, from + period, run)
				.isEqualTo(weight));
		}
	}

	private static Map<String, Integer> counts(Backend... backends) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Backend backend : backends) {
			counts.put(backend.name(), backend.echoCalls());
		}
		return counts;
	}

	private static Map<String, Integer> since(Map<String, Integer> before, Backend... backends) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Backend backend : backends) {
			counts.put(backend.name(), backend.echoCalls() - before.get(backend.name()));
		}
		return counts;
	}

	// total calls, at most inFlight of them under way at once; every one must succeed
	private static void inFlight(ClientApplication.Stubs stubs, int total, int inFlight) throws InterruptedException {
		Semaphore slots = new Semaphore(inFlight);
		AtomicInteger failed = new AtomicInteger();
		for (int i = 0; i < total; i++) {
			assertThat(slots.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
			Futures.addCallback(stubs.echoFuture.withDeadlineAfter(10, TimeUnit.SECONDS).echo(ClientApplication.HI),
					new FutureCallback<EchoResponse>() {

						@Override
						public void onSuccess(EchoResponse result) {
							slots.release();
						}

						@Override
						public void onFailure(Throwable ex) {
							failed.incrementAndGet();
							slots.release();
						}

					}, MoreExecutors.directExecutor());
		}
		assertThat(slots.tryAcquire(inFlight, 20, TimeUnit.SECONDS)).isTrue();
		assertThat(failed).hasValue(0);
	}

}
