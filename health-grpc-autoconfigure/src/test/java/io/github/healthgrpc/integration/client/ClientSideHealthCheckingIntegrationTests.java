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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Client-side health checking configured per client
 * ({@code health-grpc.client.channels.<name>.health-check.*}), over real servers: how
 * soon a backend that turns NOT_SERVING stops receiving calls, with no registry involved.
 *
 * @author health-grpc authors
 */
class ClientSideHealthCheckingIntegrationTests {

	private static final int FLIPS = 3;

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "round_robin", "random", "least_request", "least_request_all", "weighted" })
	void aBackendThatTurnsNotServingStopsReceivingCallsWithinASecond(String policy) throws Exception {
		Backend stays = this.started.backend("stays");
		Backend flips = this.started.backend("flips");
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(stays, flips),
				"health-grpc.client.channels.backends.health-check.enabled=true",
				"grpc.client.backends.default-load-balancing-policy=" + policy);
		List<Double> reactions = new ArrayList<>();
		for (int flip = 0; flip < FLIPS; flip++) {
			await().atMost(Duration.ofSeconds(10)).until(() -> stubs.who().equals("flips"));
			long flipped = System.nanoTime();
			flips.serving(false);
			long lastHit = flipped;
			int callsAfterLastHit = 0;
			// calls for two seconds: the last one that reached the backend marks the
			// reaction, and the many after it prove that none did any more
			while (System.nanoTime() - flipped < Duration.ofMillis(1_500).toNanos()) {
				if (stubs.who().equals("flips")) {
					lastHit = System.nanoTime();
					callsAfterLastHit = 0;
				}
				else {
					callsAfterLastHit++;
				}
			}
			reactions.add((lastHit - flipped) / 1e6);
			assertThat(callsAfterLastHit).isGreaterThan(100);
			flips.serving(true);
		}
		List<Double> sorted = reactions.stream().sorted().toList();
		System.out.printf(
				"client-side health checking: last call to reach the backend after its flip to "
						+ "NOT_SERVING, %s, over %d flips: median %.2f ms, max %.2f ms (0 is none at all) %s%n",
				policy, FLIPS, sorted.get(FLIPS / 2), sorted.get(FLIPS - 1), reactions);
		assertThat(sorted.get(FLIPS - 1)).isLessThan(1_000.0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "round_robin", "random", "least_request", "least_request_all", "weighted" })
	void withEveryBackendNotServingCallsFailUnavailable(String policy) throws Exception {
		Backend a = this.started.backend("a");
		Backend b = this.started.backend("b");
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(a, b),
				"health-grpc.client.channels.backends.health-check.enabled=true",
				"grpc.client.backends.default-load-balancing-policy=" + policy);
		await().atMost(Duration.ofSeconds(10)).until(() -> stubs.who() != null);
		a.serving(false);
		b.serving(false);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, stubs::who);
			assertThat(ex).isNotNull();
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			// grpc-java names the reason
			assertThat(ex.getStatus().getDescription()).contains("NOT_SERVING");
		});
		int callsToA = a.echoCalls();
		b.serving(true);
		await().atMost(Duration.ofSeconds(5)).until(() -> "b".equals(stubs.who()));
		// a stayed out the whole time
		assertThat(a.echoCalls()).isEqualTo(callsToA);
	}

	@Test
	void theServiceNameIsTheOneAskedFor() throws Exception {
		Backend a = this.started.backend("a");
		a.health().setStatus("test.v1.Echo", io.github.healthgrpc.health.ServingStatus.NOT_SERVING);
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(a),
				"health-grpc.client.channels.backends.health-check.enabled=true",
				"health-grpc.client.channels.backends.health-check.service-name=test.v1.Echo");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(
					catchThrowableOfType(StatusRuntimeException.class, stubs::who).getStatus().getDescription())
				.contains("NOT_SERVING"));
		a.health().setStatus("test.v1.Echo", io.github.healthgrpc.health.ServingStatus.SERVING);
		await().atMost(Duration.ofSeconds(5)).until(() -> "a".equals(stubs.who()));
	}

	@Test
	void aCallAlreadyUnderWayOnABackendThatTurnsNotServingGoesOn() throws Exception {
		Backend only = this.started.backend("only");
		ClientApplication.Stubs stubs = this.started.stubs(ClientApplication.discovered(only),
				"health-grpc.client.channels.backends.health-check.enabled=true");
		await().atMost(Duration.ofSeconds(10)).until(() -> "only".equals(stubs.who()));
		only.slow(Duration.ofSeconds(3));
		int before = only.echoCalls();
		ListenableFuture<EchoResponse> underWay = stubs.echoFuture.withDeadlineAfter(20, TimeUnit.SECONDS)
			.echo(ClientApplication.HI);
		await().atMost(Duration.ofSeconds(5)).until(() -> only.echoCalls() == before + 1);
		only.serving(false);
		// the client knows: a new call fails at once, without reaching the backend
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class, stubs::who);
			assertThat(ex).isNotNull();
			assertThat(ex.getStatus().getDescription()).contains("NOT_SERVING");
		});
		assertThat(underWay.isDone()).as("answered before the client knew").isFalse();
		// and the call it had sent already gets its answer
		assertThat(underWay.get(10, TimeUnit.SECONDS).getText()).isEqualTo("only");
		assertThat(only.echoCalls()).isEqualTo(before + 1);
	}

	@Test
	void aBackendWithoutAHealthServiceCountsAsHealthy() throws Exception {
		Server bare = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc.EchoImplBase() {

				@Override
				public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					responseObserver.onNext(EchoResponse.newBuilder().setText("bare").build());
					responseObserver.onCompleted();
				}

			})
			.build()
			.start();
		this.started.add(() -> bare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
		// its Watch answers UNIMPLEMENTED: grpc-java stops checking that backend
		ClientApplication.Stubs stubs = this.started.stubs(
				List.of("grpc.client.backends.address=static://127.0.0.1:" + bare.getPort()),
				"health-grpc.client.channels.backends.health-check.enabled=true");
		assertThat(stubs.who()).isEqualTo("bare");
	}

	@Test
	void aRefusedWatchIsAskedAgainAfterASecondThenEachTimeLonger() throws Exception {
		List<Long> watches = new CopyOnWriteArrayList<>();
		Server refusing = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new HealthGrpc.HealthImplBase() {

				@Override
				public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
					watches.add(System.nanoTime());
					responseObserver.onError(Status.RESOURCE_EXHAUSTED.asException());
				}

			})
			.build()
			.start();
		this.started.add(() -> refusing.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
		ClientApplication.Stubs stubs = this.started.stubs(
				List.of("grpc.client.backends.address=static://127.0.0.1:" + refusing.getPort()),
				"health-grpc.client.channels.backends.health-check.enabled=true");
		catchThrowableOfType(StatusRuntimeException.class, stubs::who);
		await().atMost(Duration.ofSeconds(15)).until(() -> watches.size() >= 4);
		// grpc-java's backoff: 1 s, then 1.6 times the last, each within 20 % either way
		double[] expected = { 1.0, 1.6, 2.56 };
		List<Double> waits = new ArrayList<>();
		for (int i = 0; i < expected.length; i++) {
			double seconds = (watches.get(i + 1) - watches.get(i)) / 1e9;
			waits.add(seconds);
			assertThat(seconds).as("wait %d of %s", i + 1, waits)
				.isBetween(expected[i] * 0.8 - 0.15, expected[i] * 1.2 + 0.15);
		}
		System.out.printf("client-side health checking: a refused Watch was asked again after %s s%n", waits);
	}

}
