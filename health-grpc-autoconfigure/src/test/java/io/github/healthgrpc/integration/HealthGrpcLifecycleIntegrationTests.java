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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The health lifecycle of a whole application over real Netty connections: startup,
 * failed startups, stop and start, and shutdown with Watch streams that would hold it.
 *
 * @author health-grpc authors
 */
class HealthGrpcLifecycleIntegrationTests {

	private static final String[] BASE = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
			"spring.main.web-application-type=none", "spring.main.banner-mode=off",
			"health-grpc.health.lifecycle.drain-delay=0" };

	@Test
	void everyTrackedNameIsNotServingFromTheStartUntilItsFirstEvaluation() throws Exception {
		ConfigurableApplicationContext context = app("test.first-evaluation-blocked=true",
				"health-grpc.health.lifecycle.wait-for-readiness=false",
				"health-grpc.health.schedule.contributor-timeout=30s");
		ManagedChannel channel = channel(context);
		try {
			// the first evaluation is still running: the names exist, not serving
			assertThat(check(channel, "")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(check(channel, "test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			BlockingQueue<HealthCheckResponse.ServingStatus> watched = new LinkedBlockingQueue<>();
			HealthGrpc.newStub(channel)
				.watch(HealthCheckRequest.newBuilder().setService("test.v1.Echo").build(), recorder(watched, true));
			assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			HealthGrpcTestApplication.FIRST_EVALUATION.countDown();
			assertThat(watched.poll(10, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			assertThat(check(channel, "")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		}
		finally {
			HealthGrpcTestApplication.FIRST_EVALUATION.countDown();
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	@Test
	void aStartupThatFailsAfterTheServerStartedSkipsTheDrain() {
		long started = System.nanoTime();
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(HealthGrpcTestApplication.class).properties(BASE)
				.properties("health-grpc.health.lifecycle.drain-delay=20s")
				.initializers((context) -> context.getBeanFactory()
					.registerSingleton("failingRunner", (ApplicationRunner) (args) -> {
						throw new IllegalStateException("runner failed");
					}))
				.run())
			.withStackTraceContaining("runner failed");
		// nothing was ever served: no consumer needs the 20 s drain
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void aContextThatFailsToStartLeavesNoThreadOfOursBehind() throws Exception {
		Set<Thread> before = healthGrpcThreads();
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThatException()
				.isThrownBy(() -> new SpringApplicationBuilder(HealthGrpcTestApplication.class).properties(BASE)
					.properties("grpc.server.port=" + taken.getLocalPort(), "health-grpc.health.schedule.period=50ms")
					.run());
		}
		List<Thread> left = new ArrayList<>(healthGrpcThreads());
		left.removeAll(before);
		for (Thread thread : left) {
			thread.join(5000);
		}
		assertThat(left.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
	}

	@Test
	void aContextStoppedAndStartedAgainServesAgain() throws Exception {
		ConfigurableApplicationContext context = app();
		ServerEvents events = context.getBean(ServerEvents.class);
		ManagedChannel channel = channel(context);
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> check(channel, "") == HealthCheckResponse.ServingStatus.SERVING);
			context.stop();
			context.start();
			// net.devh binds the same port again
			ManagedChannel again = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", events.port()))
				.usePlaintext()
				.build();
			try {
				await().atMost(Duration.ofSeconds(10))
					.ignoreExceptions()
					.until(() -> check(again, "") == HealthCheckResponse.ServingStatus.SERVING);
				assertThat(check(again, "test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			}
			finally {
				again.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	@Test
	void shutdownCompletesWatchStreamsThatDoNotReadOrWatchAHugeName() throws Exception {
		ConfigurableApplicationContext context = app("grpc.server.shutdown-grace-period=25s");
		ServerEvents events = context.getBean(ServerEvents.class);
		ManagedChannel channel = channel(context);
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> check(channel, "") == HealthCheckResponse.ServingStatus.SERVING);
			BlockingQueue<HealthCheckResponse.ServingStatus> silent = new LinkedBlockingQueue<>();
			BlockingQueue<HealthCheckResponse.ServingStatus> huge = new LinkedBlockingQueue<>();
			HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), recorder(silent, false));
			HealthGrpc.newStub(channel)
				.watch(HealthCheckRequest.newBuilder().setService("h".repeat(1024 * 1024)).build(),
						recorder(huge, true));
			assertThat(silent.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			assertThat(huge.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
			assertThat(context.getBean(HealthGrpcService.class).getWatchStreamCount()).isEqualTo(2);
			long closing = System.nanoTime();
			context.close();
			// neither stream held the server for its 25 s grace period
			assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(15));
			assertThat(events.watchStreamsWhenStopping()).isZero();
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	@Test
	void theWatchMaximumHoldsOverNetty() throws Exception {
		ConfigurableApplicationContext context = app("health-grpc.health.watch.max-streams=2");
		ManagedChannel channel = channel(context);
		try {
			io.grpc.Context.CancellableContext first = io.grpc.Context.current().withCancellation();
			BlockingQueue<HealthCheckResponse.ServingStatus> one = new LinkedBlockingQueue<>();
			BlockingQueue<HealthCheckResponse.ServingStatus> two = new LinkedBlockingQueue<>();
			first.run(() -> HealthGrpc.newStub(channel)
				.watch(HealthCheckRequest.getDefaultInstance(), recorder(one, true)));
			HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), recorder(two, true));
			assertThat(one.poll(5, TimeUnit.SECONDS)).isNotNull();
			assertThat(two.poll(5, TimeUnit.SECONDS)).isNotNull();
			assertThat(watchOutcome(channel)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
			first.cancel(null);
			HealthGrpcService service = context.getBean(HealthGrpcService.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> service.getWatchStreamCount() == 1);
			assertThat(watchOutcome(channel)).isEqualTo(Status.Code.OK);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	private static Status.Code watchOutcome(ManagedChannel channel) {
		io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
		try {
			return call.call(() -> {
				try {
					HealthGrpc.newBlockingStub(channel)
						.withDeadlineAfter(5, TimeUnit.SECONDS)
						.watch(HealthCheckRequest.getDefaultInstance())
						.next();
					return Status.Code.OK;
				}
				catch (StatusRuntimeException ex) {
					return ex.getStatus().getCode();
				}
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			call.cancel(null);
		}
	}

	private static ConfigurableApplicationContext app(String... properties) {
		return new SpringApplicationBuilder(HealthGrpcTestApplication.class).properties(BASE)
			.properties(properties)
			.run();
	}

	private static ManagedChannel channel(ConfigurableApplicationContext context) {
		return NettyChannelBuilder
			.forAddress(new InetSocketAddress("127.0.0.1", context.getBean(ServerEvents.class).port()))
			.usePlaintext()
			.build();
	}

	private static HealthCheckResponse.ServingStatus check(ManagedChannel channel, String service) {
		try {
			return HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(2, TimeUnit.SECONDS)
				.check(HealthCheckRequest.newBuilder().setService(service).build())
				.getStatus();
		}
		catch (StatusRuntimeException ex) {
			assertThat(ex.getStatus().getCode()).as("Check(\"%s\")", service).isNotEqualTo(Status.Code.NOT_FOUND);
			throw ex;
		}
	}

	private static Set<Thread> healthGrpcThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("health-grpc-"))
			.collect(Collectors.toSet());
	}

	private static ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> recorder(
			BlockingQueue<HealthCheckResponse.ServingStatus> received, boolean reads) {
		return new ClientResponseObserver<>() {

			@Override
			public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
				if (!reads) {
					requestStream.disableAutoRequestWithInitial(1);
				}
			}

			@Override
			public void onNext(HealthCheckResponse value) {
				received.add(value.getStatus());
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
			}

		};
	}

}
