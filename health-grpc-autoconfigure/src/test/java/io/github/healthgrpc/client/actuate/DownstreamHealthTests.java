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

package io.github.healthgrpc.client.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DownstreamHealth} on its own: nothing asked before it starts, and nothing a
 * channel throws stops it (over HTTP in a running application:
 * {@code DownstreamHealthIntegrationTests}).
 *
 * @author health-grpc authors
 */
class DownstreamHealthTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final String name = InProcessServerBuilder.generateName();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		this.registry.setStatus("", ServingStatus.SERVING);
		this.server = InProcessServerBuilder.forName(this.name)
			.addService(new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS))
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
	void nothingIsAskedBeforeItStarts() {
		AtomicInteger channels = new AtomicInteger();
		try (DownstreamHealth downstream = new DownstreamHealth(List.of(target(() -> {
			channels.incrementAndGet();
			return this.channel;
		})), Duration.ofMillis(20))) {
			HealthIndicator indicator = indicator(downstream);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(channels).hasValue(0);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.health().getStatus().equals(Status.UP));
			// made once, when the first ask needed it, and not before
			assertThat(channels.get()).isPositive();
			assertThat(downstream.isRunning()).isTrue();
			downstream.stop();
			assertThat(downstream.isRunning()).isFalse();
		}
	}

	@Test
	void anErrorFromTheChannelIsADownAndTheNextPeriodAsksAgain() {
		AtomicInteger asks = new AtomicInteger();
		try (DownstreamHealth downstream = new DownstreamHealth(List.of(target(() -> {
			if (asks.incrementAndGet() == 1) {
				throw new NoClassDefFoundError("io/grpc/Missing");
			}
			return this.channel;
		})), Duration.ofMillis(20))) {
			HealthIndicator indicator = indicator(downstream);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.health().getStatus().equals(Status.UP));
			assertThat(asks.get()).isGreaterThan(1);
		}
	}

	private DownstreamHealth.Target target(java.util.function.Supplier<Channel> channel) {
		return new DownstreamHealth.Target("inventory", channel, "", Duration.ofSeconds(1));
	}

	private static HealthIndicator indicator(DownstreamHealth downstream) {
		CompositeHealthContributor composite = (CompositeHealthContributor) downstream.contributor();
		NamedContributor<?> only = composite.iterator().next();
		assertThat(only.getName()).isEqualTo("inventory");
		return (HealthIndicator) only.getContributor();
	}

}
