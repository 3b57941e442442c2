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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthListRequest;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ControlledHealth;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
 * The Health service in a Spring Boot application with net.devh's Netty server on a
 * random port, called over a real connection with grpc-java's stock stubs.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = HealthGrpcTestApplication.class,
		properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
				"health-grpc.health.schedule.period=100ms", "health-grpc.health.schedule.contributor-timeout=300ms",
				"health-grpc.health.services[test.v1.Echo].include=db", "health-grpc.health.lifecycle.drain-delay=0",
				"health-grpc.health.legacy.enabled=true" })
@org.springframework.test.annotation.DirtiesContext
class HealthGrpcIntegrationTests {

	@Autowired
	private ServerEvents events;

	@Autowired
	private ControlledHealth health;

	@Autowired
	private HealthStatusRegistry registry;

	@Autowired
	private ApplicationContext context;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.events.port()))
			.usePlaintext()
			.build();
		await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.health.reset();
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void everyRegisteredServiceHasAStatusUnderItsFullName() {
		assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("test.v1.Other")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("grpc.health.v1.Health"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void netDevhBuiltInHealthServiceIsReplacedWithoutConfiguration() {
		// net.devh's own service bean is gone; its manager stays for those who inject it
		assertThat(this.context.containsBean("grpcHealthService")).isFalse();
		assertThat(this.context.getBeansOfType(HealthStatusManager.class)).hasSize(1);
		assertThat(io.github.healthgrpc.health.v1.HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.list(HealthListRequest.getDefaultInstance())
			.getStatusesMap())
			.containsOnlyKeys("", "test.v1.Echo", "test.v1.Other", "grpc.reflection.v1alpha.ServerReflection");
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
		// Check keeps answering well inside a Kubernetes probe's 1 s while the indicator
		// hangs
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
	void applicationCodeCanSetAndClearStatuses() {
		this.registry.setStatus("custom", ServingStatus.NOT_SERVING);
		assertThat(check("custom")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		this.registry.clearStatus("custom");
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("custom"));
	}

	@Test
	void theSeedsLegacyCheckAnswersTheSameStatuses() {
		io.github.healthgrpc.legacy.v0.HealthGrpc.HealthBlockingStub legacy = io.github.healthgrpc.legacy.v0.HealthGrpc
			.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS);
		assertThat(legacy
			.check(io.github.healthgrpc.legacy.v0.HealthCheckRequest.newBuilder().setService("test.v1.Echo").build())
			.getStatus()).isEqualTo(io.github.healthgrpc.legacy.v0.HealthCheckResponse.ServingStatus.SERVING);
		this.health.set("db", "DOWN");
		await().until(() -> legacy
			.check(io.github.healthgrpc.legacy.v0.HealthCheckRequest.newBuilder().setService("test.v1.Echo").build())
			.getStatus() == io.github.healthgrpc.legacy.v0.HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	private HealthCheckResponse.ServingStatus check(String service) {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

}
