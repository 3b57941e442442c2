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

package io.github.healthgrpc.reliability;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.integration.HealthGrpcTestApplication;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the load and fault reliability tests share: the integration tests' application on
 * 127.0.0.1 and port 0, plaintext Netty channels to it, and measurements of threads and
 * heap.
 *
 * @author health-grpc authors
 */
final class LoadFaultHarness {

	static final String[] BASE = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
			"spring.main.web-application-type=none", "spring.main.banner-mode=off",
			"health-grpc.health.schedule.period=100ms", "health-grpc.health.lifecycle.drain-delay=0" };

	private LoadFaultHarness() {
	}

	/**
	 * Start {@link HealthGrpcTestApplication}, with more configuration classes if given.
	 */
	static ConfigurableApplicationContext app(List<Class<?>> more, String... properties) {
		Class<?>[] sources = new Class<?>[more.size() + 1];
		sources[0] = HealthGrpcTestApplication.class;
		for (int i = 0; i < more.size(); i++) {
			sources[i + 1] = more.get(i);
		}
		return new SpringApplicationBuilder(sources).properties(BASE).properties(properties).run();
	}

	static ConfigurableApplicationContext app(String... properties) {
		return app(List.of(), properties);
	}

	static int port(ConfigurableApplicationContext context) {
		return context.getBean(ServerEvents.class).port();
	}

	static ManagedChannel channel(int port) {
		return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	static ServingStatus check(ManagedChannel channel, String service) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(2, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

	static void shutdown(List<ManagedChannel> channels) throws InterruptedException {
		for (ManagedChannel channel : channels) {
			channel.shutdownNow();
		}
		for (ManagedChannel channel : channels) {
			channel.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * Return the live threads whose name starts with {@code health-grpc-}.
	 */
	static List<Thread> healthGrpcThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("health-grpc-"))
			.toList();
	}

	/**
	 * Return the heap in use after a full collection.
	 */
	static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
