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
package io.github.healthgrpc.kit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthListRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Health service over a real connection, with the application's health from its
 * Actuator contributors: the same tests on both lines.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = KitApplication.class,
		properties = { KitApplication.PORT_ZERO, KitApplication.LOOPBACK, "spring.main.web-application-type=none",
				"health-grpc.health.schedule.period=100ms", "health-grpc.health.schedule.contributor-timeout=300ms",
				"health-grpc.health.services[test.v1.Echo].include=db", "health-grpc.health.lifecycle.drain-delay=0",
				"health-grpc.health.legacy.enabled=true", "health-grpc.interceptors.deadlines.default-timeout=300ms" })
class HealthKitTests {

	@Autowired
	private KitServer server;

	@Autowired
	private ControlledHealth health;

	@Autowired
	private HealthStatusRegistry registry;

	@Autowired
	private ApplicationContext context;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = KitChannel.to(this.server);
		await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.health.reset();
		await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
		KitChannel.close(this.channel);
	}

	@Test
	void everyRegisteredServiceHasAStatusUnderItsFullName() {
		assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("test.v1.Other")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("test.v1.Calls")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("grpc.health.v1.Health"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void theIntegrationsBuiltInHealthServiceIsReplacedWithoutConfiguration() {
		assertThat(this.context.getBeansOfType(HealthStatusManager.class)).hasSize(1);
		assertThat(io.github.healthgrpc.health.v1.HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.list(HealthListRequest.getDefaultInstance())
			.getStatusesMap()
			.keySet()).filteredOn((name) -> !name.startsWith("grpc.reflection."))
			.containsExactlyInAnyOrder("", "test.v1.Echo", "test.v1.Other", "test.v1.Calls");
	}

	@Test
	void codeThatSetsStatusesOnTheHealthStatusManagerBeanKeepsWorking() {
		HealthStatusManager manager = this.context.getBean(HealthStatusManager.class);
		try {
			manager.setStatus("test.v1.Other", HealthCheckResponse.ServingStatus.NOT_SERVING);
			await().until(() -> check("test.v1.Other") == HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(check("test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		}
		finally {
			manager.setStatus("test.v1.Other", HealthCheckResponse.ServingStatus.SERVING);
		}
		await().until(() -> check("test.v1.Other") == HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void applicationCodeCanSetAndClearStatuses() {
		this.registry.setStatus("custom", ServingStatus.NOT_SERVING);
		assertThat(check("custom")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		this.registry.clearStatus("custom");
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("custom"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void aServiceBoundToOneContributorIgnoresTheOthers() {
		this.health.set("cache", "DOWN");
		await().until(() -> check("test.v1.Other") == HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(check("test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.health.set("db", "OUT_OF_SERVICE");
		await().until(() -> check("test.v1.Echo") == HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	@Test
	void watchSeesAChangeOverARealConnection() throws InterruptedException {
		BlockingQueue<HealthCheckResponse.ServingStatus> received = new LinkedBlockingQueue<>();
		HealthGrpc.newStub(this.channel)
			.watch(HealthCheckRequest.newBuilder().setService("test.v1.Echo").build(), new StreamObserver<>() {

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

			});
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.health.set("db", "DOWN");
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	@Test
	void aHangingContributorTurnsItsServicesNotServingWithoutSlowingCheck() {
		this.health.set("cache", "hang");
		for (int i = 0; i < 20; i++) {
			assertThat(HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(1, TimeUnit.SECONDS)
				.check(HealthCheckRequest.newBuilder().setService("test.v1.Echo").build())
				.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		}
		await().until(() -> check("test.v1.Other") == HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(check("test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void aHugeServiceNameIsNotFoundAndNotEchoed() {
		String huge = "n".repeat(1024 * 1024);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(huge)).satisfies((ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
			assertThat(ex.getStatus().getDescription()).hasSizeLessThan(120);
		});
		assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void theSeedsLegacyCheckAnswersTheSameStatuses() {
		io.github.healthgrpc.legacy.v0.HealthGrpc.HealthBlockingStub legacy = io.github.healthgrpc.legacy.v0.HealthGrpc
			.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS);
		io.github.healthgrpc.legacy.v0.HealthCheckRequest echo = io.github.healthgrpc.legacy.v0.HealthCheckRequest
			.newBuilder()
			.setService("test.v1.Echo")
			.build();
		assertThat(legacy.check(echo).getStatus())
			.isEqualTo(io.github.healthgrpc.legacy.v0.HealthCheckResponse.ServingStatus.SERVING);
		this.health.set("db", "DOWN");
		await().until(() -> legacy.check(echo)
			.getStatus() == io.github.healthgrpc.legacy.v0.HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	@Test
	void healthChecksAreNotCutByTheServersDefaultDeadline() throws InterruptedException {
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		HealthGrpc.newStub(this.channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

			@Override
			public void onNext(HealthCheckResponse value) {
				received.add(value.getStatus());
			}

			@Override
			public void onError(Throwable t) {
				received.add(t);
			}

			@Override
			public void onCompleted() {
				received.add("completed");
			}

		});
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		// well past the server's 300 ms default: the stream is still open, and hears a
		// change
		assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
		this.health.set("db", "DOWN");
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	private HealthCheckResponse.ServingStatus check(String service) {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

}
