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

package io.github.healthgrpc.integration;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Watches a shutdown happen over a real connection: NOT_SERVING first, Check still
 * answered during the drain, then the Watch stream completed with OK, and only then the
 * server stops.
 *
 * @author health-grpc authors
 */
class HealthGrpcShutdownIntegrationTests {

	private static final long DRAIN_MILLIS = 1500;

	private final Map<String, Long> seen = new ConcurrentHashMap<>();

	@Test
	void shutdownFlipsThenDrainsThenCompletesWatchThenStopsTheServer() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HealthGrpcTestApplication.class)
			.properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "health-grpc.health.lifecycle.drain-delay=" + DRAIN_MILLIS + "ms")
			.run();
		ServerEvents events = context.getBean(ServerEvents.class);
		ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", events.port()))
			.usePlaintext()
			.build();
		Thread closer = new Thread(context::close, "closer");
		try {
			HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), recorder());
			await().until(() -> this.seen.containsKey("SERVING"));

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
			// server side: every Watch stream had been completed when the server began to
			// stop
			assertThat(events.watchStreamsWhenStopping()).isZero();
			assertThat(events.time("GrpcServerShutdownEvent")).isLessThan(events.time("GrpcServerTerminatedEvent"));
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(channel))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	private StreamObserver<HealthCheckResponse> recorder() {
		return new StreamObserver<>() {

			@Override
			public void onNext(HealthCheckResponse value) {
				HealthGrpcShutdownIntegrationTests.this.seen.putIfAbsent(value.getStatus().name(), System.nanoTime());
			}

			@Override
			public void onError(Throwable t) {
				HealthGrpcShutdownIntegrationTests.this.seen.put("error", System.nanoTime());
			}

			@Override
			public void onCompleted() {
				HealthGrpcShutdownIntegrationTests.this.seen.put("completed", System.nanoTime());
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
