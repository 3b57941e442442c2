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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import io.grpc.stub.ServerCallStreamObserver;
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

	private static final String DOWNSTREAM = "health/downstream/grpcDownstream/backends";

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@Test
	void reportsWhatTheDownstreamsHealthServiceSaysAndChangesNothingOfTheApplicationsOwnHealth() throws Exception {
		Backend backend = this.started.backend("only");
		ConfigurableApplicationContext context = run(ClientApplication.staticAddress(backend));
		URI actuator = actuator(context);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get(actuator, DOWNSTREAM).at("/status").asText()).isEqualTo("UP"));
		assertThat(get(actuator, DOWNSTREAM).at("/details/status").asText()).isEqualTo("SERVING");
		backend.serving(false);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get(actuator, DOWNSTREAM).at("/status").asText()).isEqualTo("DOWN"));
		assertThat(get(actuator, DOWNSTREAM).at("/details/status").asText()).isEqualTo("NOT_SERVING");
		// the group of its own is DOWN, with the HTTP status that goes with it
		assertThat(status(actuator, "health/downstream")).isEqualTo(503);
		assertThat(get(actuator, "health/downstream").at("/status").asText()).isEqualTo("DOWN");
		// the application's own health is not: the root, its probes, and a read of the
		// contributor outside its group
		assertThat(status(actuator, "health")).isEqualTo(200);
		JsonNode root = get(actuator, "health");
		assertThat(root.at("/status").asText()).isEqualTo("UP");
		assertThat(root.at("/components/grpcDownstream").isMissingNode()).isTrue();
		assertThat(root.at("/groups").toString()).contains("downstream");
		for (String probe : List.of("health/liveness", "health/readiness")) {
			assertThat(status(actuator, probe)).as(probe).isEqualTo(200);
			assertThat(get(actuator, probe).at("/components/grpcDownstream").isMissingNode()).isTrue();
		}
		assertThat(status(actuator, "health/grpcDownstream")).isEqualTo(404);
		// nor is its gRPC status: a switch of its own turns it NOT_SERVING and back to
		// SERVING, evaluations that came after the downstream went DOWN
		HealthStatusRegistry own = context.getBean(HealthStatusRegistry.class);
		DownstreamApplication.Switch ownSwitch = context.getBean(DownstreamApplication.Switch.class);
		assertThat(own.getStatus("")).isEqualTo(ServingStatus.SERVING);
		ownSwitch.up = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> own.getStatus("") == ServingStatus.NOT_SERVING);
		ownSwitch.up = true;
		await().atMost(Duration.ofSeconds(10)).until(() -> own.getStatus("") == ServingStatus.SERVING);
		assertThat(check(context)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(get(actuator, DOWNSTREAM).at("/status").asText()).isEqualTo("DOWN");
		backend.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(get(actuator, DOWNSTREAM).at("/details/error").asText()).isEqualTo("UNAVAILABLE"));
		assertThat(get(actuator, "health").at("/status").asText()).isEqualTo("UP");
	}

	@Test
	void oneSettingMakesADownstreamOutageCountInTheRootStatus() throws Exception {
		Backend backend = this.started.backend("only");
		ConfigurableApplicationContext context = run(ClientApplication.staticAddress(backend),
				"health-grpc.client.health-indicator.counts-in-root-status=true");
		URI actuator = actuator(context);
		backend.serving(false);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get(actuator, "health/grpcDownstream/backends").at("/status").asText())
				.isEqualTo("DOWN"));
		assertThat(status(actuator, "health")).isEqualTo(503);
		assertThat(get(actuator, "health").at("/groups").toString()).doesNotContain("downstream");
		// the probes and the gRPC status still leave it out
		assertThat(status(actuator, "health/readiness")).isEqualTo(200);
		assertThat(status(actuator, "health/liveness")).isEqualTo(200);
		assertThat(check(context)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void theGroupCanBeRenamedAndAGroupOfTheApplicationsOwnWins() throws Exception {
		Backend backend = this.started.backend("only");
		ConfigurableApplicationContext renamed = run(ClientApplication.staticAddress(backend),
				"health-grpc.client.health-indicator.group=dependencies");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					get(actuator(renamed), "health/dependencies/grpcDownstream/backends").at("/status").asText())
				.isEqualTo("UP"));
		ConfigurableApplicationContext own = run(ClientApplication.staticAddress(backend),
				"management.endpoint.health.group.downstream.include=ping");
		JsonNode group = get(actuator(own), "health/downstream");
		assertThat(group.at("/components/ping").isMissingNode()).isFalse();
		assertThat(group.at("/components/grpcDownstream").isMissingNode()).isTrue();
	}

	@Test
	void aReadNeverWaitsForACheckUnderWay() throws Exception {
		AtomicInteger checks = new AtomicInteger();
		CountDownLatch asked = new CountDownLatch(1);
		AtomicBoolean ended = new AtomicBoolean();
		Server hanging = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new HealthGrpc.HealthImplBase() {

				@Override
				public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
					checks.incrementAndGet();
					((ServerCallStreamObserver<HealthCheckResponse>) responseObserver)
						.setOnCancelHandler(() -> ended.set(true));
					asked.countDown();
				}

			})
			.build()
			.start();
		this.started.add(() -> hanging.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
		ConfigurableApplicationContext context = run(
				"grpc.client.backends.address=static://127.0.0.1:" + hanging.getPort(),
				"health-grpc.client.channels.backends.health-indicator.timeout=30s");
		URI actuator = actuator(context);
		assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
		// a second of reads, ten periods of 100 ms, while the check waits for its 30 s
		// deadline: a read that waited for it would take 30 s
		long started = System.nanoTime();
		int reads = 0;
		while (System.nanoTime() - started < Duration.ofSeconds(1).toNanos()) {
			JsonNode downstream = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> get(actuator, DOWNSTREAM));
			assertThat(downstream.at("/details/reason").asText()).isEqualTo("not asked yet");
			reads++;
		}
		// the check was still under way after the last read: no read waited for it
		assertThat(ended).isFalse();
		// and no period started a second one behind it
		assertThat(checks).hasValue(1);
		System.out.printf("downstream health: %d reads answered while a check was under way%n", reads);
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

	private static HealthCheckResponse.ServingStatus check(ConfigurableApplicationContext context)
			throws InterruptedException {
		int port = context.getBean(net.devh.boot.grpc.server.config.GrpcServerProperties.class).getPort();
		io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
			.forTarget("dns:///127.0.0.1:" + port)
			.usePlaintext()
			.build();
		try {
			return HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus();
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static int status(URI actuator, String path) throws IOException, InterruptedException {
		return HTTP
			.send(HttpRequest.newBuilder(actuator.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
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
