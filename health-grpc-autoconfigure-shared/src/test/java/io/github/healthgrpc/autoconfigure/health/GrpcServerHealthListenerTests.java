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

import io.github.healthgrpc.health.FixedHealthStatusUpdater;
import io.github.healthgrpc.health.HealthLifecycle;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.grpc.HealthStatusManagerMirror;
import io.github.healthgrpc.server.GrpcServerInfo;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcServerHealthListener}.
 *
 * @author health-grpc authors
 */
class GrpcServerHealthListenerTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final HealthLifecycle lifecycle = new HealthLifecycle(this.registry,
			new FixedHealthStatusUpdater(this.registry), false, Duration.ZERO);

	private final HealthStatusManager manager = new HealthStatusManager();

	private final HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry,
			List.of());

	private final GrpcServerInfo server = new GrpcServerInfo("127.0.0.1", 9090, false,
			List.of("test.v1.Echo", "grpc.health.v1.Health", "Health"));

	@AfterEach
	void stop() {
		this.mirror.close();
		this.notifier.shutdownNow();
	}

	@Test
	void everyServiceButHealthGetsAStatusAndIsMirrored() {
		new GrpcServerHealthListener(this.lifecycle, this.mirror, true).serverStarted(this.server);
		assertThat(this.registry.snapshot()).containsOnlyKeys("", "test.v1.Echo");
		this.manager.setStatus("test.v1.Echo", HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("test.v1.Echo")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void withoutServerServicesOnlyTheOverallStatusIsKnown() {
		new GrpcServerHealthListener(this.lifecycle, this.mirror, false).serverStarted(this.server);
		assertThat(this.registry.snapshot()).containsOnlyKeys("");
		this.manager.setStatus("test.v1.Echo", HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("test.v1.Echo")).isNull();
	}

	@Test
	void aStoppingServerTurnsEveryStatusNotServing() {
		GrpcServerHealthListener listener = new GrpcServerHealthListener(this.lifecycle, this.mirror, true);
		listener.serverStarted(this.server);
		listener.serverStopping();
		assertThat(this.registry.snapshot()).containsValues(ServingStatus.NOT_SERVING)
			.doesNotContainValue(ServingStatus.SERVING);
	}

	@Test
	void itHearsTheServerBeforeAnyOtherListener() {
		assertThat(new GrpcServerHealthListener(this.lifecycle, this.mirror, true).getOrder())
			.isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
	}

}
