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

package io.github.healthgrpc.health.grpc;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthStatusManagerMirror}.
 *
 * @author health-grpc authors
 */
class HealthStatusManagerMirrorTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final HealthStatusManager manager = new HealthStatusManager();

	@AfterEach
	void stop() {
		this.notifier.shutdownNow();
	}

	@Test
	void everyStatusSetOnTheManagerTakesPrecedenceUntilCleared() {
		this.registry.setEvaluatedStatus("a.Svc", ServingStatus.SERVING);
		HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry, List.of("a.Svc"));
		this.manager.setStatus("a.Svc", HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
		this.manager.setStatus("a.Svc", HealthCheckResponse.ServingStatus.UNKNOWN);
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.UNKNOWN);
		this.manager.setStatus("a.Svc", HealthCheckResponse.ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("a.Svc", ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
		this.manager.clearStatus("a.Svc");
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
		mirror.close();
	}

	@Test
	void aStatusSetBeforeTheNameIsTrackedIsCarriedOver() {
		this.manager.setStatus("late.Svc", HealthCheckResponse.ServingStatus.NOT_SERVING);
		HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry, List.of());
		assertThat(this.registry.getStatus("late.Svc")).isNull();
		mirror.track(List.of("late.Svc"));
		assertThat(this.registry.getStatus("late.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
		mirror.close();
	}

	@Test
	void theManagersOwnDefaultForOverallIsNotCarriedOverButLaterChangesAre() {
		this.registry.setEvaluatedStatus("", ServingStatus.NOT_SERVING);
		HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry, List.of());
		// the manager starts with "" SERVING: nobody decided that
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
		this.manager.setStatus("", HealthCheckResponse.ServingStatus.NOT_SERVING);
		this.manager.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.SERVING);
		mirror.close();
	}

	@Test
	void clearingANameTheMirrorNeverSetLeavesAnOverrideOfTheApplicationAlone() {
		HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry, List.of("a.Svc"));
		this.registry.setStatus("a.Svc", ServingStatus.NOT_SERVING);
		this.manager.clearStatus("a.Svc");
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
		mirror.close();
	}

	@Test
	void afterCloseNothingIsMirrored() {
		HealthStatusManagerMirror mirror = new HealthStatusManagerMirror(this.manager, this.registry, List.of("a.Svc"));
		mirror.close();
		this.manager.setStatus("a.Svc", HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(this.registry.getStatus("a.Svc")).isNull();
	}

}
