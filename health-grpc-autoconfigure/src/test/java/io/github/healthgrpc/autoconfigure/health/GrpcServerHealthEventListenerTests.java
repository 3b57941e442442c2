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

package io.github.healthgrpc.autoconfigure.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.FixedHealthStatusUpdater;
import io.github.healthgrpc.health.HealthLifecycle;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.github.healthgrpc.health.grpc.HealthStatusManagerMirror;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link GrpcServerHealthEventListener} with a real (in-process) server.
 *
 * @author health-grpc authors
 */
class GrpcServerHealthEventListenerTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final HealthLifecycle lifecycle = new HealthLifecycle(this.registry,
			new FixedHealthStatusUpdater(this.registry), false, Duration.ZERO);

	private final HealthStatusManager manager = new HealthStatusManager();

	private final HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry,
			List.of());

	private Server server;

	@BeforeEach
	void start() throws Exception {
		this.server = InProcessServerBuilder.forName(InProcessServerBuilder.generateName())
			.addService(new EchoGrpc.EchoImplBase() {
			})
			.addService(new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS))
			.build()
			.start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.mirror.close();
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.notifier.shutdownNow();
	}

	@Test
	void everyServiceButHealthGetsAStatusAndIsMirrored() {
		new GrpcServerHealthEventListener(this.lifecycle, this.mirror, true).onApplicationEvent(started());
		assertThat(this.registry.snapshot()).containsOnlyKeys("", "test.v1.Echo");
		this.manager.setStatus("test.v1.Echo", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("test.v1.Echo"))
			.isEqualTo(io.github.healthgrpc.health.ServingStatus.NOT_SERVING);
	}

	@Test
	void withoutServerServicesOnlyTheOverallStatusIsKnown() {
		new GrpcServerHealthEventListener(this.lifecycle, this.mirror, false).onApplicationEvent(started());
		assertThat(this.registry.snapshot()).containsOnlyKeys("");
		this.manager.setStatus("test.v1.Echo", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("test.v1.Echo")).isNull();
	}

	@Test
	void aStoppingServerTurnsEveryStatusNotServing() {
		GrpcServerHealthEventListener listener = new GrpcServerHealthEventListener(this.lifecycle, this.mirror, true);
		listener.onApplicationEvent(started());
		listener.onApplicationEvent(new GrpcServerShutdownEvent(mock(GrpcServerLifecycle.class), this.server));
		assertThat(this.registry.snapshot()).containsValues(io.github.healthgrpc.health.ServingStatus.NOT_SERVING)
			.doesNotContainValue(io.github.healthgrpc.health.ServingStatus.SERVING);
	}

	private GrpcServerStartedEvent started() {
		return new GrpcServerStartedEvent(mock(GrpcServerLifecycle.class), this.server, "in-process", 0);
	}

}
