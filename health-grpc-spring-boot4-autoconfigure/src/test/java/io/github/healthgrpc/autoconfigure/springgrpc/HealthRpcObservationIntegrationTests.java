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
package io.github.healthgrpc.autoconfigure.springgrpc;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.kit.KitApplication;
import io.github.healthgrpc.kit.KitServer;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health RPCs and Spring Boot 4.1's gRPC server observation over Netty: skipped by
 * default, observed like any call when {@code health-grpc.health.metrics.enabled}.
 *
 * @author health-grpc authors
 */
class HealthRpcObservationIntegrationTests {

	private static final String HEALTH = "grpc.health.v1.Health";

	private static final String CALLS = CallsGrpc.SERVICE_NAME;

	@Nested
	@SpringBootTest(classes = KitApplication.class,
			properties = { KitApplication.PORT_ZERO, KitApplication.LOOPBACK,
					"health-grpc.health.lifecycle.drain-delay=0" })
	@DirtiesContext
	class ByDefault extends Calls {

		@Test
		void healthRpcsAreNotObservedWhileOtherCallsAre() {
			callHealthAndCalls();
			// the last call is observed; the health calls made before it were not
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(observed(CALLS)).isEqualTo(1));
			assertThat(observed(HEALTH)).isZero();
		}

	}

	@Nested
	@SpringBootTest(classes = KitApplication.class,
			properties = { KitApplication.PORT_ZERO, KitApplication.LOOPBACK,
					"health-grpc.health.lifecycle.drain-delay=0", "health-grpc.health.metrics.enabled=true" })
	@DirtiesContext
	class WhenEnabled extends Calls {

		@Test
		void healthRpcsAreObservedLikeAnyOtherCall() {
			callHealthAndCalls();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(observed(CALLS)).isEqualTo(1);
				assertThat(observed(HEALTH)).isEqualTo(4);
			});
		}

	}

	abstract static class Calls {

		@Autowired
		private KitServer server;

		@Autowired
		private MeterRegistry meters;

		private ManagedChannel channel;

		@BeforeEach
		void connect() {
			this.channel = Grpc
				.newChannelBuilderForAddress("127.0.0.1", this.server.port(), InsecureChannelCredentials.create())
				.build();
		}

		@AfterEach
		void disconnect() throws InterruptedException {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

		void callHealthAndCalls() {
			HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS);
			for (int i = 0; i < 3; i++) {
				health.check(HealthCheckRequest.getDefaultInstance());
			}
			// a Watch that has its first status, then ends
			Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(1, TimeUnit.SECONDS)
				.watch(HealthCheckRequest.getDefaultInstance());
			watch.next();
			// the last call: once it is observed, so are the calls before it on this
			// channel
			CallsGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.unary(EchoRequest.newBuilder().setText("fine").build());
		}

		/** How many calls of a service the observation interceptor timed. */
		long observed(String service) {
			return this.meters.find("grpc.server")
				.tag("rpc.service", service)
				.timers()
				.stream()
				.mapToLong((timer) -> timer.count())
				.sum();
		}

	}

}
