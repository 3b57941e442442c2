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
import java.util.List;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outlier detection, on by default, over real servers: a backend that answers every call
 * UNAVAILABLE at once while its Health service says SERVING (so client-side health
 * checking keeps it in) stops drawing calls, under every policy that spreads calls.
 *
 * @author health-grpc authors
 */
class OutlierDetectionIntegrationTests {

	private static final int CALLS = 2_000;

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "round_robin", "random", "least_request", "weighted" })
	void aBackendThatFailsFastWhileServingIsEjected(String policy) throws Exception {
		Backend good = this.started.backend("good");
		Backend failing = this.started.backend("failing");
		failing.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE);
		// the defaults but a shorter interval, so that the test need not wait 10 s
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(good, failing),
				"grpc.client.backends.default-load-balancing-policy=" + policy,
				"health-grpc.client.channels.backends.health-check.enabled=true",
				"health-grpc.client.channels.backends.outlier-detection.interval=500ms");
		await().atMost(Duration.ofSeconds(10)).until(() -> "good".equals(call(stubs)));
		long started = System.nanoTime();
		int callsUntilEjected = failing.echoCalls();
		// ejected: a run of 100 calls of which none reached it
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			int before = failing.echoCalls();
			calls(stubs, 100);
			return failing.echoCalls() == before;
		});
		long ejectedAfter = System.nanoTime() - started;
		callsUntilEjected = failing.echoCalls() - callsUntilEjected;
		int goodBefore = good.echoCalls();
		int failingBefore = failing.echoCalls();
		List<String> answers = calls(stubs, CALLS);
		int toFailing = failing.echoCalls() - failingBefore;
		System.out.printf(
				"outlier detection, %s: the failing backend was ejected after %d ms and %d of its "
						+ "calls; then it got %d of %d calls%n",
				policy, ejectedAfter / 1_000_000, callsUntilEjected, toFailing, CALLS);
		assertThat(toFailing).isLessThan(CALLS / 10);
		assertThat(good.echoCalls() - goodBefore + toFailing).isEqualTo(CALLS);
		assertThat(answers.stream().filter("good"::equals).count()).isEqualTo(CALLS - toFailing);
	}

	@Test
	void switchedOffAFailingBackendKeepsDrawingItsShare() throws Exception {
		Backend good = this.started.backend("good");
		Backend failing = this.started.backend("failing");
		failing.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE);
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(good, failing),
				"health-grpc.client.channels.backends.health-check.enabled=true",
				"health-grpc.client.channels.backends.outlier-detection.interval=500ms",
				"health-grpc.client.channels.backends.outlier-detection.enabled=false");
		await().atMost(Duration.ofSeconds(10)).until(() -> "good".equals(call(stubs)));
		// long enough for several looks, had outlier detection been on
		long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (System.nanoTime() < until) {
			calls(stubs, 100);
		}
		int failingBefore = failing.echoCalls();
		calls(stubs, CALLS);
		// round_robin: every other call
		assertThat(failing.echoCalls() - failingBefore).isEqualTo(CALLS / 2);
	}

	private static List<String> calls(ClientApplication.Stubs stubs, int count) {
		List<String> answers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			answers.add(call(stubs));
		}
		return answers;
	}

	private static String call(ClientApplication.Stubs stubs) {
		try {
			return stubs.who();
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode().name();
		}
	}

}
