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

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Retries configured per client ({@code health-grpc.client.channels.<name>.retry.*}) over
 * a real server: only the listed methods, only the listed codes, never more attempts than
 * configured.
 *
 * @author health-grpc authors
 */
class RetriesIntegrationTests {

	private final Started started = new Started();

	private Backend backend;

	@BeforeEach
	void start() throws Exception {
		this.backend = this.started.backend("only");
	}

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@Test
	void aListedServiceIsRetriedOnUnavailable() {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other");
		this.backend.failNext(2, Status.Code.UNAVAILABLE);
		assertThat(stubs.other.echo(ClientApplication.HI).getText()).isEqualTo("only");
		assertThat(this.backend.otherCalls()).isEqualTo(3);
	}

	@Test
	void attemptsAreBounded() {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other",
				"health-grpc.client.channels.backends.retry.max-attempts=2");
		this.backend.failNext(5, Status.Code.UNAVAILABLE);
		assertThat(code(() -> stubs.other.echo(ClientApplication.HI))).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(this.backend.otherCalls()).isEqualTo(2);
	}

	@Test
	void otherCodesAndUnlistedMethodsAreNotRetried() {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other");
		this.backend.failNext(1, Status.Code.INTERNAL);
		assertThat(code(() -> stubs.other.echo(ClientApplication.HI))).isEqualTo(Status.Code.INTERNAL);
		assertThat(this.backend.otherCalls()).isEqualTo(1);
		this.backend.failNext(1, Status.Code.UNAVAILABLE);
		assertThat(code(() -> stubs.echo.echo(ClientApplication.HI))).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(this.backend.echoCalls()).isEqualTo(1);
	}

	@Test
	void methodsAndCodesAreConfigurable() {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Echo/Echo",
				"health-grpc.client.channels.backends.retry.status-codes=UNAVAILABLE,RESOURCE_EXHAUSTED");
		this.backend.failNext(2, Status.Code.RESOURCE_EXHAUSTED);
		assertThat(stubs.who()).isEqualTo("only");
		assertThat(this.backend.echoCalls()).isEqualTo(3);
		this.backend.failNext(1, Status.Code.UNAVAILABLE);
		assertThat(code(() -> stubs.other.echo(ClientApplication.HI))).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(this.backend.otherCalls()).isEqualTo(1);
	}

	@Test
	void everyMethodWithAStar() {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=*");
		this.backend.failNext(1, Status.Code.UNAVAILABLE);
		assertThat(stubs.who()).isEqualTo("only");
		this.backend.failNext(1, Status.Code.UNAVAILABLE);
		assertThat(stubs.other.echo(ClientApplication.HI).getText()).isEqualTo("only");
		assertThat(this.backend.echoCalls() + this.backend.otherCalls()).isEqualTo(4);
	}

	@Test
	void retriesStopWhileMostAttemptsFail() {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other");
		this.backend.failNext(1_000, Status.Code.UNAVAILABLE);
		for (int i = 0; i < 10; i++) {
			assertThat(code(() -> stubs.other.echo(ClientApplication.HI))).isEqualTo(Status.Code.UNAVAILABLE);
		}
		// 10 tokens, one per failed attempt, no retry at 5 or fewer: the first call
		// makes 3 attempts (9, 8, 7 left), the second 2 (6, 5), every later one 1;
		// without throttling, 30
		assertThat(this.backend.otherCalls()).isEqualTo(3 + 2 + 8);
	}

	@Test
	void throttlingIsConfigurableAndCanBeSwitchedOff() throws Exception {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other",
				"health-grpc.client.channels.backends.retry-throttling.max-tokens=4");
		this.backend.failNext(1_000, Status.Code.UNAVAILABLE);
		for (int i = 0; i < 3; i++) {
			code(() -> stubs.other.echo(ClientApplication.HI));
		}
		// 4 tokens: one retry (3 left), then none
		assertThat(this.backend.otherCalls()).isEqualTo(2 + 1 + 1);
		this.started.close();
		this.backend = this.started.backend("only");
		ClientApplication.Stubs unthrottled = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other",
				"health-grpc.client.channels.backends.retry-throttling.enabled=false");
		this.backend.failNext(1_000, Status.Code.UNAVAILABLE);
		for (int i = 0; i < 10; i++) {
			code(() -> unthrottled.other.echo(ClientApplication.HI));
		}
		assertThat(this.backend.otherCalls()).isEqualTo(30);
	}

	@Test
	void aHedgedCallIsAnsweredByTheSecondAttemptWhileTheFirstHangs() throws Exception {
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.hedging.methods=test.v1.Echo",
				"health-grpc.client.channels.backends.hedging.delay=50ms");
		this.backend.holdNext(1);
		// without hedging the held attempt would run into the deadline
		assertThat(stubs.echo.withDeadlineAfter(5, TimeUnit.SECONDS).echo(ClientApplication.HI).getText())
			.isEqualTo("only");
		assertThat(this.backend.echoCalls()).isEqualTo(2);
		// an unhedged method waits for its one attempt
		this.backend.holdNext(1);
		assertThat(code(() -> stubs.other.withDeadlineAfter(300, TimeUnit.MILLISECONDS).echo(ClientApplication.HI)))
			.isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(this.backend.otherCalls()).isEqualTo(1);
	}

	@Test
	void eachRetryWaitsTheBackoffWithin20PercentAndTheBackoffGrowsByTheMultiplierUpToTheMaximum() throws Exception {
		// backoffs of 20 ms, then 100 ms; then the second capped at 30 ms
		List<List<Double>> growing = waits(20, "health-grpc.client.channels.backends.retry.max-backoff=1s");
		List<List<Double>> capped = waits(20, "health-grpc.client.channels.backends.retry.max-backoff=30ms");
		System.out.printf(
				"retries: waits before the 2nd and 3rd attempts (min, mean, max) %s and %s ms; "
						+ "with max-backoff 30ms, %s and %s ms%n",
				summary(growing.get(0)), summary(growing.get(1)), summary(capped.get(0)), summary(capped.get(1)));
		// grpc-java waits the backoff times 0.8 to 1.2 (gRFC A6); the server sees the
		// wait plus a round trip, so only the lower bound is exact
		assertWaits(growing.get(0), 20);
		assertWaits(growing.get(1), 100);
		assertWaits(capped.get(0), 20);
		assertWaits(capped.get(1), 30);
	}

	private static void assertWaits(List<Double> waits, double backoff) {
		DoubleSummaryStatistics statistics = waits.stream().mapToDouble(Double::doubleValue).summaryStatistics();
		assertThat(statistics.getMin()).as("shortest wait, backoff %s ms", backoff)
			.isGreaterThanOrEqualTo(0.8 * backoff);
		assertThat(statistics.getAverage()).as("mean wait, backoff %s ms", backoff).isLessThan(1.2 * backoff + 25);
	}

	private static String summary(List<Double> waits) {
		DoubleSummaryStatistics statistics = waits.stream().mapToDouble(Double::doubleValue).summaryStatistics();
		return String.format("(%.1f, %.1f, %.1f)", statistics.getMin(), statistics.getAverage(), statistics.getMax());
	}

	/**
	 * Return the waits, in milliseconds, before the second and the third attempt of calls
	 * that fail every attempt, with an initial backoff of 20 ms and a multiplier of 5.
	 */
	private List<List<Double>> waits(int calls, String maxBackoff) throws Exception {
		this.started.close();
		this.backend = this.started.backend("only");
		ClientApplication.Stubs stubs = client("health-grpc.client.channels.backends.retry.methods=test.v1.Other",
				"health-grpc.client.channels.backends.retry.initial-backoff=20ms",
				"health-grpc.client.channels.backends.retry.backoff-multiplier=5", maxBackoff,
				"health-grpc.client.channels.backends.retry-throttling.enabled=false");
		this.backend.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE);
		for (int i = 0; i < calls; i++) {
			code(() -> stubs.other.echo(ClientApplication.HI));
		}
		List<Long> times = this.backend.otherCallTimes();
		assertThat(times).hasSize(3 * calls);
		List<List<Double>> waits = List.of(new ArrayList<>(), new ArrayList<>());
		for (int call = 0; call < calls; call++) {
			for (int wait = 0; wait < 2; wait++) {
				waits.get(wait).add((times.get(3 * call + wait + 1) - times.get(3 * call + wait)) / 1e6);
			}
		}
		return waits;
	}

	@Test
	void nothingIsRetriedByDefault() {
		ClientApplication.Stubs stubs = client();
		this.backend.failNext(1, Status.Code.UNAVAILABLE);
		assertThat(code(stubs::who)).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(this.backend.echoCalls()).isEqualTo(1);
	}

	private ClientApplication.Stubs client(String... properties) {
		List<String> all = new ArrayList<>(List.of(ClientApplication.staticAddress(this.backend),
				"health-grpc.client.channels.backends.retry.initial-backoff=10ms"));
		all.addAll(List.of(properties));
		return this.started.stubs(all);
	}

	private static Status.Code code(Runnable call) {
		StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, call::run);
		assertThat(ex).as("the call failed").isNotNull();
		return ex.getStatus().getCode();
	}

}
