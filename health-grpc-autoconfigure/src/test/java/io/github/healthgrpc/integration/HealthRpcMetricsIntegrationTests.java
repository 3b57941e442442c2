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
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
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
 * Health RPCs and net.devh's per-call server instrumentation (Micrometer's metrics
 * interceptor, the A66 stream tracer and the observation interceptor), over real Netty:
 * left out by default, measured like any other call when
 * {@code health-grpc.health.metrics.enabled} is true.
 *
 * @author health-grpc authors
 */
class HealthRpcMetricsIntegrationTests {

	private static final String HEALTH = "grpc.health.v1.Health";

	private static final String CALLS = CallsGrpc.SERVICE_NAME;

	@Nested
	@SpringBootTest(classes = InterceptorsTestApplication.class,
			properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
					"spring.main.web-application-type=none", "health-grpc.health.lifecycle.drain-delay=0" })
	@DirtiesContext
	class ByDefault extends Calls {

		@Test
		void healthRpcsAreNeitherPreregisteredNorMeasuredWhileOtherCallsAre() {
			assertThat(interceptorTimers(HEALTH)).as("preregistered health series").isZero();
			callHealthAndCalls();
			// the last call is measured; the health calls made before it were not
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(interceptorCount(CALLS, "Unary")).isEqualTo(1));
			assertThat(tracerCount(CALLS + "/Unary")).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(observed(CALLS)).isEqualTo(1));
			assertThat(interceptorTimers(HEALTH)).isZero();
			assertThat(observed(HEALTH)).isZero();
			assertThat(tracerCount(HEALTH + "/Check")).isZero();
			assertThat(tracerCount(HEALTH + "/Watch")).isZero();
		}

	}

	@Nested
	@SpringBootTest(classes = InterceptorsTestApplication.class,
			properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
					"spring.main.web-application-type=none", "health-grpc.health.lifecycle.drain-delay=0",
					"health-grpc.health.metrics.enabled=true" })
	@DirtiesContext
	class WhenEnabled extends Calls {

		@Test
		void healthRpcsAreMeasuredLikeAnyOtherCall() {
			callHealthAndCalls();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(interceptorCount(CALLS, "Unary")).isEqualTo(1);
				assertThat(interceptorCount(HEALTH, "Check")).isEqualTo(3);
			});
			assertThat(tracerCount(HEALTH + "/Check")).isEqualTo(3);
			assertThat(tracerCount(HEALTH + "/Watch")).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(observed(HEALTH)).isEqualTo(3));
		}

	}

	abstract static class Calls {

		@Autowired
		private GrpcServerProperties server;

		@Autowired
		private MeterRegistry meters;

		private ManagedChannel channel;

		@BeforeEach
		void connect() {
			this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.server.getPort()))
				.usePlaintext()
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
				assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
					.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			}
			// a Watch that has its first status, then ends: the tracer counts it on start
			Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.watch(HealthCheckRequest.getDefaultInstance());
			assertThat(watch.next().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			// the last call: once it is counted, so are the calls before it on this
			// channel
			CallsGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.unary(EchoRequest.newBuilder().setText("fine").build());
		}

		/** How many timers Micrometer's interceptor has for a service. */
		long interceptorTimers(String service) {
			return this.meters.find("grpc.server.processing.duration").tag("service", service).timers().size();
		}

		/** How many calls of one method Micrometer's interceptor has timed. */
		long interceptorCount(String service, String method) {
			return this.meters.find("grpc.server.processing.duration")
				.tag("service", service)
				.tag("method", method)
				.timers()
				.stream()
				.mapToLong((timer) -> timer.count())
				.sum();
		}

		/** How many calls of a service the observation (tracing) interceptor timed. */
		long observed(String service) {
			return this.meters.find("grpc.server")
				.tag("rpc.service", service)
				.timers()
				.stream()
				.mapToLong((timer) -> timer.count())
				.sum();
		}

		/** How many calls of one method the A66 tracer saw start. */
		long tracerCount(String fullMethodName) {
			return this.meters.find("grpc.server.call.started")
				.tag("grpc.method", fullMethodName)
				.counters()
				.stream()
				.mapToLong((counter) -> (long) counter.count())
				.sum();
		}

	}

}
