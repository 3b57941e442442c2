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

package io.github.healthgrpc.integration.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The {@code grpcDownstream} health contributor in a running web application, read over
 * HTTP as Kubernetes and monitoring read it.
 *
 * @author health-grpc authors
 */
class DownstreamHealthIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@Test
	void reportsWhatTheDownstreamsHealthServiceSaysAndNeverReachesLivenessOrTheOwnStatus() throws Exception {
		Backend backend = this.started.backend("only");
		ConfigurableApplicationContext context = run(ClientApplication.staticAddress(backend));
		URI actuator = actuator(context);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get(actuator, "health/grpcDownstream/backends").at("/status").asText())
				.isEqualTo("UP"));
		assertThat(get(actuator, "health/grpcDownstream/backends").at("/details/status").asText()).isEqualTo("SERVING");
		backend.serving(false);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get(actuator, "health/grpcDownstream/backends").at("/status").asText())
				.isEqualTo("DOWN"));
		assertThat(get(actuator, "health/grpcDownstream/backends").at("/details/status").asText())
			.isEqualTo("NOT_SERVING");
		assertThat(get(actuator, "health").at("/status").asText()).isEqualTo("DOWN");
		JsonNode liveness = get(actuator, "health/liveness");
		assertThat(liveness.at("/status").asText()).isEqualTo("UP");
		assertThat(liveness.at("/components/grpcDownstream").isMissingNode()).isTrue();
		// the application's own status ignores the downstream: a switch of its own turns
		// it NOT_SERVING and back to SERVING while the downstream is still DOWN
		HealthStatusRegistry own = context.getBean(HealthStatusRegistry.class);
		DownstreamApplication.Switch ownSwitch = context.getBean(DownstreamApplication.Switch.class);
		assertThat(own.getStatus("")).isEqualTo(ServingStatus.SERVING);
		ownSwitch.up = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> own.getStatus("") == ServingStatus.NOT_SERVING);
		ownSwitch.up = true;
		await().atMost(Duration.ofSeconds(10)).until(() -> own.getStatus("") == ServingStatus.SERVING);
		assertThat(get(actuator, "health/grpcDownstream/backends").at("/status").asText()).isEqualTo("DOWN");
		backend.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(get(actuator, "health/grpcDownstream/backends").at("/details/error").asText())
						.isEqualTo("UNAVAILABLE"));
	}

	@Test
	void aDownstreamThatNeverAnswersNeverSlowsHealthDown() throws Exception {
		AtomicInteger checks = new AtomicInteger();
		Server hanging = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new HealthGrpc.HealthImplBase() {

				@Override
				public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
					checks.incrementAndGet();
				}

			})
			.build()
			.start();
		this.started.add(() -> hanging.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
		ConfigurableApplicationContext context = run(
				"grpc.client.backends.address=static://127.0.0.1:" + hanging.getPort(),
				"health-grpc.client.channels.backends.health-indicator.timeout=3s");
		URI actuator = actuator(context);
		long started = System.nanoTime();
		// every read is answered at once from the last result, however long the ask takes
		while (System.nanoTime() - started < Duration.ofMillis(2_500).toNanos()) {
			JsonNode downstream = assertTimeoutPreemptively(Duration.ofMillis(1_500),
					() -> get(actuator, "health/grpcDownstream/backends"));
			assertThat(downstream.at("/status").asText()).isIn("UNKNOWN", "DOWN");
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(get(actuator, "health/grpcDownstream/backends").at("/details/error").asText())
						.isEqualTo("DEADLINE_EXCEEDED"));
		// one ask at a time: a period of 100 ms did not pile asks up behind the hanging
		// one
		assertThat(checks.get()).isBetween(1, 3);
	}

	private ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.web-application-type=servlet", "server.port=0",
				"server.address=127.0.0.1", "management.endpoint.health.show-details=always",
				"management.endpoint.health.show-components=always", "management.endpoint.health.probes.enabled=true",
				"grpc.server.port=0", "grpc.server.address=127.0.0.1", "health-grpc.health.schedule.period=100ms",
				"health-grpc.client.channels.backends.health-indicator.enabled=true",
				"health-grpc.client.health-indicator.period=100ms", "health-grpc.health.lifecycle.drain-delay=100ms"));
		all.addAll(List.of(properties));
		return this.started.context(DownstreamApplication.class, all);
	}

	private static URI actuator(ConfigurableApplicationContext context) {
		return URI
			.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/actuator/");
	}

	private static JsonNode get(URI actuator, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(actuator.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

}
