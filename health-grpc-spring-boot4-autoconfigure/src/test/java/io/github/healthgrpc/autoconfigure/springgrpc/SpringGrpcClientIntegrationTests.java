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

package io.github.healthgrpc.autoconfigure.springgrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.kit.KitApplication;
import io.github.healthgrpc.kit.KitServer;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.ImportGrpcClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A Spring service that gets the stock Health stub and a business stub the Spring Boot 4
 * way ({@code @ImportGrpcClients}), and calls a health-grpc backend over Netty on
 * 127.0.0.1 with health-grpc's client settings applied, and where both set one, the
 * setting that wins.
 *
 * @author health-grpc authors
 */
class SpringGrpcClientIntegrationTests {

	private ConfigurableApplicationContext backend;

	private final List<ConfigurableApplicationContext> clients = new ArrayList<>();

	@BeforeEach
	void startBackend() {
		this.backend = new SpringApplicationBuilder(KitApplication.class)
			.properties(KitApplication.PORT_ZERO, KitApplication.LOOPBACK, "health-grpc.health.lifecycle.drain-delay=0")
			.run();
		HealthStatusRegistry registry = this.backend.getBean(HealthStatusRegistry.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> registry.getStatus("") == ServingStatus.SERVING);
	}

	@AfterEach
	void stop() {
		this.clients.forEach(ConfigurableApplicationContext::close);
		if (this.backend != null) {
			this.backend.close();
		}
	}

	@Test
	void aServiceGetsTheHealthStubAndAUserStubWithHealthGrpcsSettings() {
		Stock stock = client("health-grpc.client.channels.backend.health-check.enabled=true",
				"health-grpc.client.channels.backend.retry.methods=" + CallsGrpc.SERVICE_NAME);
		assertThat(stock.serving()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(stock.call("ok")).isEqualTo("ok");
		// health-grpc's default deadline of 30 s, not none
		assertThat(Long.parseLong(stock.call("deadline"))).isBetween(20_000L, 30_000L);
	}

	@Test
	void healthGrpcsOwnDeadlineWinsOverSpringBootsAndSpringBootsOverHealthGrpcsDefault() {
		Stock ours = client("health-grpc.client.deadlines.clients.backend.default-timeout=3s",
				"spring.grpc.client.channel.backend.default.deadline=20s");
		assertThat(Long.parseLong(ours.call("deadline"))).isBetween(1L, 3_000L);
		Stock boots = client("spring.grpc.client.channel.backend.default.deadline=20s");
		assertThat(Long.parseLong(boots.call("deadline"))).isBetween(10_000L, 20_000L);
	}

	@Test
	void healthGrpcsHealthCheckWinsOverSpringBootsWhenOn() {
		// Spring Boot's asks for a service the backend does not know, health-grpc's for
		// the overall status
		Stock ours = client("spring.grpc.client.channel.backend.health.enabled=true",
				"spring.grpc.client.channel.backend.health.service-name=unknown.Service",
				"health-grpc.client.channels.backend.health-check.enabled=true");
		assertThat(ours.call("ok")).isEqualTo("ok");
		Stock boots = client("spring.grpc.client.channel.backend.health.enabled=true",
				"spring.grpc.client.channel.backend.health.service-name=unknown.Service");
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> boots.call("ok"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE))
			.withMessageContaining("SERVICE_UNKNOWN");
	}

	@Test
	void theDownstreamContributorReportsTheBackendInAGroupOfItsOwnAndNotInTheRootStatus() {
		Stock stock = client("health-grpc.client.channels.backend.health-indicator.enabled=true",
				"health-grpc.client.health-indicator.period=100ms");
		ConfigurableApplicationContext client = this.clients.get(this.clients.size() - 1);
		HealthIndicator backend = (HealthIndicator) ((CompositeHealthContributor) client
			.getBean(HealthContributorRegistry.class)
			.getContributor("grpcDownstream")).getContributor("backend");
		await().atMost(Duration.ofSeconds(10)).until(() -> Status.UP.equals(backend.health().getStatus()));
		this.backend.getBean(HealthStatusRegistry.class).setStatus("", ServingStatus.NOT_SERVING);
		await().atMost(Duration.ofSeconds(10)).until(() -> Status.DOWN.equals(backend.health().getStatus()));
		assertThat(backend.health().getDetails()).containsEntry("status", "NOT_SERVING").containsEntry("service", "");
		HealthEndpointGroups groups = client.getBean(HealthEndpointGroups.class);
		assertThat(groups.getPrimary().isMember("grpcDownstream")).isFalse();
		assertThat(groups.get("downstream").isMember("grpcDownstream")).isTrue();
		// the application's own health says nothing of the outage
		HealthEndpoint endpoint = client.getBean(HealthEndpoint.class);
		assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
		assertThat(endpoint.healthForPath("downstream").getStatus()).isEqualTo(Status.DOWN);
		assertThat(stock.call("ok")).isEqualTo("ok");
	}

	private Stock client(String... properties) {
		int port = this.backend.getBean(KitServer.class).port();
		ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
			.properties("spring.grpc.server.enabled=false",
					"spring.grpc.client.channel.backend.target=static://127.0.0.1:" + port)
			.properties(properties)
			.run();
		this.clients.add(client);
		return client.getBean(Stock.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportGrpcClients(target = "backend",
			types = { HealthGrpc.HealthBlockingStub.class, CallsGrpc.CallsBlockingStub.class })
	@Import(Stock.class)
	static class ClientApplication {

	}

	/**
	 * A plain service with two stubs of one channel.
	 */
	static class Stock {

		private final HealthGrpc.HealthBlockingStub health;

		private final CallsGrpc.CallsBlockingStub calls;

		Stock(HealthGrpc.HealthBlockingStub health, CallsGrpc.CallsBlockingStub calls) {
			this.health = health;
			this.calls = calls;
		}

		HealthCheckResponse.ServingStatus serving() {
			return this.health.check(HealthCheckRequest.getDefaultInstance()).getStatus();
		}

		String call(String text) {
			return this.calls.unary(EchoRequest.newBuilder().setText(text).build()).getText();
		}

	}

}
