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
package io.github.healthgrpc.kit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown order over a real connection, the same on both lines: NOT_SERVING first, a
 * drain while the server still answers, Watch streams completed, then the integration's
 * server stops.
 *
 * @author health-grpc authors
 */
class LifecycleKitTests {

	private static final long DRAIN_MILLIS = 1500;

	private final Map<String, Long> seen = new ConcurrentHashMap<>();

	@Test
	void shutdownFlipsThenDrainsThenCompletesWatchThenStopsTheServer() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KitApplication.class)
			.properties(KitApplication.PORT_ZERO, KitApplication.LOOPBACK, "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "health-grpc.health.lifecycle.drain-delay=" + DRAIN_MILLIS + "ms",
					// a stream left open would hold the stop for this long
					KitApplication.GRACE_PERIOD + "=25s")
			.run();
		KitServer server = context.getBean(KitServer.class);
		ManagedChannel channel = KitChannel.to(server);
		Thread closer = new Thread(context::close, "closer");
		try {
			HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), recorder());
			await().until(() -> this.seen.containsKey("SERVING"));

			long closing = System.nanoTime();
			closer.start();
			await().until(() -> this.seen.containsKey("NOT_SERVING"));
			// during the drain the server still answers, and tells the truth
			assertThat(check(channel)).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			long checkedDuringDrain = System.nanoTime();
			assertThat(this.seen).doesNotContainKey("completed");

			await().atMost(10, TimeUnit.SECONDS).until(() -> this.seen.containsKey("completed"));
			closer.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(this.seen).doesNotContainKey("error");

			long flipped = this.seen.get("NOT_SERVING");
			long completed = this.seen.get("completed");
			assertThat(flipped).isLessThan(checkedDuringDrain);
			assertThat(checkedDuringDrain).isLessThan(completed);
			assertThat(TimeUnit.NANOSECONDS.toMillis(completed - flipped)).isGreaterThanOrEqualTo(DRAIN_MILLIS - 100);
			// every Watch stream had been completed when the server began to stop, so
			// none held it for the grace period
			// (counted by the server when it began to stop: the client hears of the
			// completion a moment later, so its own clock cannot order the two)
			assertThat(server.watchStreamsWhenStopping()).isZero();
			assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(15));
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(channel))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
		finally {
			KitChannel.close(channel);
			context.close();
		}
	}

	private StreamObserver<HealthCheckResponse> recorder() {
		return new StreamObserver<>() {

			@Override
			public void onNext(HealthCheckResponse value) {
				LifecycleKitTests.this.seen.putIfAbsent(value.getStatus().name(), System.nanoTime());
			}

			@Override
			public void onError(Throwable t) {
				LifecycleKitTests.this.seen.put("error", System.nanoTime());
			}

			@Override
			public void onCompleted() {
				LifecycleKitTests.this.seen.put("completed", System.nanoTime());
			}

		};
	}

	private static HealthCheckResponse.ServingStatus check(ManagedChannel channel) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(2, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

}
