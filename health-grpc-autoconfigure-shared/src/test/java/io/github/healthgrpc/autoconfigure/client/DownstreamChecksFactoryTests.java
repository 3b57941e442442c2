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

package io.github.healthgrpc.autoconfigure.client;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.client.downstream.DownstreamAnswer;
import io.github.healthgrpc.client.downstream.DownstreamChecks;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The downstream checks of both lines, made from the properties: only the channels that
 * ask for one, each channel made once (Spring gRPC's factory makes a new one per call).
 *
 * @author health-grpc authors
 */
class DownstreamChecksFactoryTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final AtomicInteger checks = new AtomicInteger();

	private final String name = InProcessServerBuilder.generateName();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		this.registry.setStatus("inventory.v1.Inventory", ServingStatus.SERVING);
		this.server = InProcessServerBuilder.forName(this.name)
			.addService(ServerInterceptors.intercept(new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS),
					new io.grpc.ServerInterceptor() {

						@Override
						public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
								io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
							DownstreamChecksFactoryTests.this.checks.incrementAndGet();
							return next.startCall(call, headers);
						}

					}))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(this.name).build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.notifier.shutdownNow();
	}

	@Test
	void onlyChannelsThatAskForItAreCheckedEachThroughOneChannel() {
		AtomicInteger made = new AtomicInteger();
		try (DownstreamChecks downstream = DownstreamChecksFactory.create(properties(), (client) -> {
			assertThat(client).isEqualTo("inventory");
			made.incrementAndGet();
			return this.channel;
		})) {
			assertThat(downstream.names()).containsExactly("inventory");
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.checks.get() >= 3);
			assertThat(downstream.latest("inventory").status()).isEqualTo(DownstreamAnswer.Status.UP);
			assertThat(downstream.latest("inventory").details()).containsEntry("service", "inventory.v1.Inventory");
			assertThat(made).hasValue(1);
		}
	}

	@Test
	void aChannelThatCouldNotBeMadeIsMadeAgainAtTheNextCheck() {
		AtomicInteger made = new AtomicInteger();
		try (DownstreamChecks downstream = DownstreamChecksFactory.create(properties(), (client) -> {
			if (made.incrementAndGet() == 1) {
				throw new IllegalStateException("no channel yet");
			}
			return this.channel;
		})) {
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.checks.get() >= 3);
			assertThat(made).hasValue(2);
		}
	}

	private static HealthGrpcClientProperties properties() {
		HealthGrpcClientProperties properties = new HealthGrpcClientProperties();
		properties.getHealthIndicator().setPeriod(Duration.ofMillis(20));
		HealthGrpcClientProperties.Channel inventory = new HealthGrpcClientProperties.Channel();
		inventory.getHealthIndicator().setEnabled(true);
		inventory.getHealthIndicator().setService("inventory.v1.Inventory");
		properties.getChannels().put("inventory", inventory);
		properties.getChannels().put("billing", new HealthGrpcClientProperties.Channel());
		return properties;
	}

}
