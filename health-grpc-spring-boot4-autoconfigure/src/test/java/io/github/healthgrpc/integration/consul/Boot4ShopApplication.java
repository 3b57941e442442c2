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

package io.github.healthgrpc.integration.consul;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.stub.StreamObserver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A user's gRPC-only Spring Boot 4.1 application: the starter, Spring Cloud Consul 5.0, a
 * {@code BindableService} bean and a {@code HealthIndicator}; its Echo answers with the
 * instance's name, so that a client sees which instance it called.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class Boot4ShopApplication {

	@Bean
	Db db() {
		return new Db();
	}

	@Bean
	HealthIndicator dbHealthIndicator(Db db) {
		return () -> Health.status(db.status.get()).build();
	}

	@Bean
	EchoGrpc.EchoImplBase echoService(@Value("${test.instance:shop}") String instance) {
		return new EchoGrpc.EchoImplBase() {

			@Override
			public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
				responseObserver.onNext(EchoResponse.newBuilder().setText(instance).build());
				responseObserver.onCompleted();
			}

		};
	}

	/**
	 * Start a shop instance registered with a Consul agent.
	 * @param agent the agent's HTTP API
	 * @param instance the instance's name (what its Echo answers)
	 * @param extra more properties
	 * @return the running application
	 */
	static ConfigurableApplicationContext shop(URI agent, String instance, String... extra) {
		List<String> properties = new ArrayList<>(consul(agent));
		properties
			.addAll(List.of("spring.application.name=shop", "test.instance=" + instance, "spring.grpc.server.port=0",
					"spring.grpc.server.address=127.0.0.1", "health-grpc.health.schedule.period=100ms",
					"health-grpc.health.lifecycle.drain-delay=1500ms", "health-grpc.consul.check.interval=1s",
					"health-grpc.consul.check.timeout=500ms", "health-grpc.consul.registration.keeper-interval=200ms"));
		properties.addAll(Arrays.asList(extra));
		return run(Boot4ShopApplication.class, properties);
	}

	/**
	 * Start a client application that finds the shop through Consul and registers
	 * nothing.
	 * @param agent the agent's HTTP API
	 * @param extra more properties
	 * @return the running application
	 */
	static ConfigurableApplicationContext client(URI agent, String... extra) {
		List<String> properties = new ArrayList<>(consul(agent));
		properties.addAll(List.of("spring.application.name=shop-client", "spring.grpc.server.port=0",
				"spring.grpc.server.address=127.0.0.1", "spring.cloud.consul.discovery.register=false"));
		properties.addAll(Arrays.asList(extra));
		return run(Boot4ClientApplication.class, properties);
	}

	private static List<String> consul(URI agent) {
		return List.of("spring.cloud.consul.enabled=true", "spring.cloud.consul.host=" + agent.getHost(),
				"spring.cloud.consul.port=" + agent.getPort(), "spring.main.banner-mode=off");
	}

	private static ConfigurableApplicationContext run(Class<?> application, List<String> properties) {
		// command-line arguments win over the test class path's application.properties
		// (Consul off)
		return new SpringApplicationBuilder(application)
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	/**
	 * The status the application's database reports.
	 */
	static final class Db {

		final AtomicReference<Status> status = new AtomicReference<>(Status.UP);

	}

}
