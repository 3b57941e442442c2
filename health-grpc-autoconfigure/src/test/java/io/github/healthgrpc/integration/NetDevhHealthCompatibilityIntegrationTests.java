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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import net.devh.boot.grpc.server.service.GrpcService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What users of net.devh's own health service keep when they add health-grpc: the
 * {@link HealthStatusManager} they inject, and net.devh's service when they exclude
 * health-grpc's health auto-configuration.
 *
 * @author health-grpc authors
 */
class NetDevhHealthCompatibilityIntegrationTests {

	private static final String[] BASE = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
			"spring.main.web-application-type=none", "spring.main.banner-mode=off",
			"health-grpc.health.lifecycle.drain-delay=0", "health-grpc.health.schedule.period=100ms" };

	@Test
	void statusesSetOnAnInjectedHealthStatusManagerAreServed() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HealthGrpcTestApplication.class,
				ManagerUser.class)
			.properties(BASE)
			.properties("health-grpc.health.services.readiness.include=db")
			.run();
		ManagedChannel channel = channel(context);
		try {
			HealthStatusManager manager = context.getBean(ManagerUser.class).manager;
			await().atMost(Duration.ofSeconds(10)).until(() -> check(channel, "") == serving());
			manager.setStatus("test.v1.Echo", HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(check(channel, "test.v1.Echo")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			manager.setStatus("readiness", HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(check(channel, "readiness")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			manager.setStatus("", HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(check(channel, "")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			// cleared: back to the status Actuator's contributors decide
			manager.clearStatus("test.v1.Echo");
			manager.clearStatus("");
			assertThat(check(channel, "test.v1.Echo")).isEqualTo(serving());
			assertThat(check(channel, "")).isEqualTo(serving());
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	@Test
	void excludingTheHealthAutoConfigurationGivesBackNetDevhsHealthService() throws Exception {
		assertNetDevhServesHealth(new SpringApplicationBuilder(ExcludingApplication.class).properties(BASE).run());
	}

	@Test
	void excludingItByPropertyGivesItBackToo() throws Exception {
		assertNetDevhServesHealth(new SpringApplicationBuilder(HealthGrpcTestApplication.class).properties(BASE)
			.properties("spring.autoconfigure.exclude=" + HealthGrpcHealthAutoConfiguration.class.getName())
			.run());
	}

	private static void assertNetDevhServesHealth(ConfigurableApplicationContext context) throws Exception {
		ManagedChannel channel = channel(context);
		try {
			assertThat(context.getBeansOfType(HealthGrpcService.class)).isEmpty();
			assertThat(check(channel, "")).isEqualTo(serving());
			context.getBean(HealthStatusManager.class)
				.setStatus("orders", HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(check(channel, "orders")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			// net.devh's service, not ours: it knows nothing of the server's services
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(channel, "test.v1.Echo"))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			context.close();
		}
	}

	private static HealthCheckResponse.ServingStatus serving() {
		return HealthCheckResponse.ServingStatus.SERVING;
	}

	private static ManagedChannel channel(ConfigurableApplicationContext context) {
		return NettyChannelBuilder
			.forAddress(new InetSocketAddress("127.0.0.1", context.getBean(ServerEvents.class).port()))
			.usePlaintext()
			.build();
	}

	private static HealthCheckResponse.ServingStatus check(ManagedChannel channel, String service) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(2, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

	/**
	 * A bean of the user's that injects net.devh's manager.
	 */
	static class ManagerUser {

		final HealthStatusManager manager;

		ManagerUser(HealthStatusManager manager) {
			this.manager = manager;
		}

	}

	/**
	 * The test application, with health-grpc's health auto-configuration excluded.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration(exclude = HealthGrpcHealthAutoConfiguration.class)
	static class ExcludingApplication {

		@Bean
		@GrpcService
		EchoGrpc.EchoImplBase echoService() {
			return new EchoGrpc.EchoImplBase() {
			};
		}

		@Bean
		ServerEvents serverEvents(ObjectProvider<HealthGrpcService> health) {
			return new ServerEvents(health);
		}

	}

}
