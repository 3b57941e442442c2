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

package io.github.healthgrpc.test.consul;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks that really run: a GRPC check calls {@code grpc.health.v1.Health/Check} on a
 * real server, an HTTP check requests a real URL, each with Consul's statuses and
 * outputs. Against the dev agent, or a real agent when {@code CONSUL_HTTP_ADDR} is set.
 *
 * @author health-grpc authors
 */
class ConsulChecksContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	private final HealthStatusManager health = new HealthStatusManager();

	private final String name = "checks-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<String> registered = new ArrayList<>();

	private Server grpc;

	private ConsulHttp http;

	@BeforeEach
	void start() throws IOException {
		this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(this.health.getHealthService())
			.build()
			.start();
		this.http = new ConsulHttp(consul.endpoint());
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.registered.forEach((id) -> this.http.put("/v1/agent/service/deregister/" + id, ""));
		this.grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void aGrpcCheckPassesOnlyWhileTheServerAnswersServing() {
		String target = "127.0.0.1:" + this.grpc.getPort();
		register("grpc", "{\"GRPC\":\"" + target + "\",\"GRPCUseTLS\":false,\"Interval\":\"1s\",\"Timeout\":\"2s\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("grpc")));
		assertThat(output("grpc")).isEqualTo("gRPC check " + target + ": success");
		this.health.setStatus("", HealthCheckResponse.ServingStatus.NOT_SERVING);
		await().atMost(Duration.ofSeconds(10)).until(() -> "critical".equals(status("grpc")));
		assertThat(output("grpc")).contains(target).contains("NOT_SERVING");
		this.health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
		await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("grpc")));
	}

	@Test
	void aGrpcCheckWithAServiceAsksForThatService() {
		String target = "127.0.0.1:" + this.grpc.getPort() + "/orders.v1.Orders";
		register("svc", "{\"GRPC\":\"" + target + "\",\"Interval\":\"1s\"}");
		// unknown to the server: NOT_FOUND, which is critical, never warning
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !status("svc").isEmpty() && output("svc").contains("NOT_FOUND"));
		assertThat(status("svc")).isEqualTo("critical");
		this.health.setStatus("orders.v1.Orders", HealthCheckResponse.ServingStatus.SERVING);
		await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("svc")));
	}

	@Test
	void aGrpcCheckOfAServerThatIsGoneIsCritical() throws InterruptedException {
		String target = "127.0.0.1:" + this.grpc.getPort();
		register("gone", "{\"GRPC\":\"" + target + "\",\"Interval\":\"1s\",\"Timeout\":\"1s\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("gone")));
		this.grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> "critical".equals(status("gone")));
	}

	@Test
	void anHttpCheckIsPassing2xxWarning429AndCriticalOtherwise() throws IOException {
		AtomicInteger code = new AtomicInteger(200);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/health", (exchange) -> {
			byte[] body = "ok".getBytes();
			exchange.sendResponseHeaders(code.get(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
			register("http", "{\"HTTP\":\"" + url + "\",\"Interval\":\"1s\",\"Header\":{}}");
			await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("http")));
			assertThat(output("http")).startsWith("HTTP GET " + url + ": 200");
			code.set(429);
			await().atMost(Duration.ofSeconds(10)).until(() -> "warning".equals(status("http")));
			code.set(503);
			await().atMost(Duration.ofSeconds(10)).until(() -> "critical".equals(status("http")));
		}
		finally {
			server.stop(0);
		}
	}

	private void register(String suffix, String check) {
		String id = this.name + "-" + suffix;
		ConsulHttp.Answer answer = this.http.put("/v1/agent/service/register?token=", "{\"ID\":\"" + id
				+ "\",\"Name\":\"" + this.name + "\",\"Address\":\"127.0.0.1\",\"Port\":1,\"Check\":" + check + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		this.registered.add(id);
	}

	private String status(String suffix) {
		JsonNode check = this.http.get("/v1/agent/checks").json().get("service:" + this.name + "-" + suffix);
		return (check != null) ? check.get("Status").asText() : "";
	}

	private String output(String suffix) {
		return this.http.get("/v1/agent/checks")
			.json()
			.get("service:" + this.name + "-" + suffix)
			.get("Output")
			.asText();
	}

}
