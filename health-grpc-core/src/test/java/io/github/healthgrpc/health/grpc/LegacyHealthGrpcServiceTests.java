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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.legacy.v0.HealthCheckRequest;
import io.github.healthgrpc.legacy.v0.HealthCheckResponse;
import io.github.healthgrpc.legacy.v0.HealthGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LegacyHealthGrpcService}, the seed's {@code /Health/check}.
 *
 * @author health-grpc authors
 */
class LegacyHealthGrpcServiceTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(new LegacyHealthGrpcService(this.registry))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.notifier.shutdownNow();
	}

	@Test
	void answersEveryStatusAsTheStandardServiceDoes() {
		this.registry.setStatus("a", ServingStatus.SERVING);
		this.registry.setStatus("b", ServingStatus.NOT_SERVING);
		this.registry.setStatus("c", ServingStatus.UNKNOWN);
		assertThat(check("a")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("b")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(check("c")).isEqualTo(HealthCheckResponse.ServingStatus.UNKNOWN);
	}

	@Test
	void anUnknownServiceIsNotFound() {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("nope"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void needsARegistry() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LegacyHealthGrpcService(null));
	}

	private HealthCheckResponse.ServingStatus check(String service) {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

}
