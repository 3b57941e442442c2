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

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.healthgrpc.testsupport.LiveHeapHistogram;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, on net.devh, what health RPCs cost with and without net.devh's request scope:
 * bytes allocated per Check (client and server run on the calling thread: in-process
 * transport, direct executors, {@code ThreadMXBean#getThreadAllocatedBytes}), live heap
 * per open Watch stream (class histograms before and after, as {@code jmap -histo:live}),
 * and the startup timeline (JVM uptime at the first contributor evaluation, at the
 * server's start, at readiness). Prints, asserts nothing about the figures; run by hand:
 * {@code -Dtest=HealthRpcFootprintMeasurement -Dhealth-grpc.measure=true}.
 *
 * @author health-grpc authors
 */
@EnabledIfSystemProperty(named = "health-grpc.measure", matches = "true")
class HealthRpcFootprintMeasurement {

	private static final int CHECKS = 100_000;

	private static final int STREAMS = Integer.getInteger("health-grpc.footprint.streams", 10_000);

	@Test
	void measure() throws Exception {
		for (int round = 0; round < 2; round++) {
			measure("request scope skipped (default)", "health-grpc.health.request-scope.enabled=false");
			measure("request scope for health RPCs", "health-grpc.health.request-scope.enabled=true");
		}
	}

	private void measure(String title, String property) throws Exception {
		String name = "measure-" + System.nanoTime();
		AtomicLong firstEvaluation = new AtomicLong();
		AtomicLong serverStarted = new AtomicLong();
		AtomicLong ready = new AtomicLong();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HealthGrpcTestApplication.class)
			.properties("grpc.server.port=-1", "grpc.server.in-process-name=" + name,
					"spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"health-grpc.health.lifecycle.drain-delay=0",
					"health-grpc.health.watch.max-streams=" + (STREAMS * 2), "logging.level.root=warn", property)
			.initializers((initializing) -> {
				initializing.getBeanFactory()
					.registerSingleton("directExecutor", (GrpcServerConfigurer) ServerBuilder::directExecutor);
				initializing.getBeanFactory().registerSingleton("timedHealthIndicator", (HealthIndicator) () -> {
					firstEvaluation.compareAndSet(0, uptime());
					return Health.up().build();
				});
			})
			.listeners((ApplicationListener<GrpcServerStartedEvent>) (event) -> serverStarted.set(uptime()),
					(ApplicationListener<ApplicationReadyEvent>) (event) -> ready.set(uptime()))
			.run();
		ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		List<ClientCallStreamObserver<?>> calls = new ArrayList<>();
		try {
			HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
			HealthCheckResponse.ServingStatus atReady = health.check(HealthCheckRequest.getDefaultInstance())
				.getStatus();
			System.out.printf(
					"%n== %s%nstartup (JVM uptime, ms): first contributor evaluation %d, server started %d,"
							+ " application ready %d; Check(\"\") right after: %s%n",
					title, firstEvaluation.get(), serverStarted.get(), ready.get(), atReady);
			assertThat(atReady).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			long self = Thread.currentThread().getId();
			checks(health, CHECKS);
			long before = threads.getThreadAllocatedBytes(self);
			checks(health, CHECKS);
			long bytes = threads.getThreadAllocatedBytes(self) - before;
			System.out.printf("Check(\"\"): %.0f bytes allocated per call (client and server, %d calls)%n",
					(double) bytes / CHECKS, CHECKS);
			open(channel, 10, calls);
			LiveHeapHistogram empty = LiveHeapHistogram.take();
			open(channel, STREAMS, calls);
			LiveHeapHistogram full = LiveHeapHistogram.take();
			full.printPerUnitSince(empty, STREAMS, "Watch(\"test.v1.Echo\"), " + title);
		}
		finally {
			calls.forEach((call) -> call.cancel("done", null));
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			context.close();
		}
	}

	private static long uptime() {
		return ManagementFactory.getRuntimeMXBean().getUptime();
	}

	private static void checks(HealthGrpc.HealthBlockingStub health, int count) {
		HealthCheckRequest request = HealthCheckRequest.getDefaultInstance();
		for (int i = 0; i < count; i++) {
			health.check(request);
		}
	}

	private static void open(ManagedChannel channel, int count, List<ClientCallStreamObserver<?>> calls)
			throws InterruptedException {
		CountDownLatch first = new CountDownLatch(count);
		HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
		for (int i = 0; i < count; i++) {
			stub.watch(HealthCheckRequest.newBuilder().setService("test.v1.Echo").build(),
					new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {

						@Override
						public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> call) {
							calls.add(call);
						}

						@Override
						public void onNext(HealthCheckResponse value) {
							first.countDown();
						}

						@Override
						public void onError(Throwable t) {
						}

						@Override
						public void onCompleted() {
						}

					});
		}
		assertThat(first.await(60, TimeUnit.SECONDS)).as("every stream has its first status").isTrue();
	}

}
