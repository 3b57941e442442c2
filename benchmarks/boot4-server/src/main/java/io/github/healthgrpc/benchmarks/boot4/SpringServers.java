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

package io.github.healthgrpc.benchmarks.boot4;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.benchmarks.server.EchoService;
import io.github.healthgrpc.benchmarks.server.HealthTarget;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Spring Boot 4.1 applications with Spring Boot's own gRPC server, Actuator and one
 * service of their own: once with Spring Boot's built-in health service, once with
 * health-grpc's.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringServers {

	/**
	 * (d) Spring Boot 4.1's own {@code grpc.health.v1} service
	 * ({@code spring.grpc.server.health.*}, on by default once the application has a
	 * service), with health-grpc switched off; statuses set on Spring Boot's
	 * {@link HealthStatusManager} bean.
	 */
	static HealthTarget bootBuiltIn() {
		ConfigurableApplicationContext context = start("health-grpc.enabled=false");
		HealthStatusManager manager = context.getBean(HealthStatusManager.class);
		return target(context, (service, serving) -> manager.setStatus(service,
				serving ? HealthCheckResponse.ServingStatus.SERVING : HealthCheckResponse.ServingStatus.NOT_SERVING));
	}

	/**
	 * (e) the Spring Boot 4 starter in its default configuration; statuses set on its
	 * {@link HealthStatusRegistry}.
	 */
	static HealthTarget healthGrpc() {
		return healthGrpc(start());
	}

	/**
	 * (e) with a contributor that takes 5 s each evaluation, configured as on the Spring
	 * Boot 3.5 line.
	 */
	static HealthTarget healthGrpcWithSlowContributor() {
		return healthGrpc(start("bench.slow-contributor=true", "health-grpc.health.overall.exclude=slow",
				"health-grpc.health.services.[bench.Slow].include=slow",
				"health-grpc.health.schedule.contributor-timeout=10s"));
	}

	private static HealthTarget healthGrpc(ConfigurableApplicationContext context) {
		HealthStatusRegistry registry = context.getBean(HealthStatusRegistry.class);
		return target(context, (service, serving) -> registry.setStatus(service,
				serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING));
	}

	private static HealthTarget target(ConfigurableApplicationContext context, HealthTarget.StatusSetter setter) {
		int port = context.getBean(BoundPort.class).get();
		return HealthTarget.of(() -> port, setter, context::close);
	}

	private static ConfigurableApplicationContext start(String... properties) {
		// the drain delay only makes each process take 5 s longer to quit
		return new SpringApplicationBuilder(SpringServers.class).web(WebApplicationType.NONE)
			.properties("spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1",
					"spring.main.banner-mode=off", "logging.level.root=warn",
					"health-grpc.health.lifecycle.drain-delay=0")
			.properties(properties)
			.run();
	}

	/**
	 * The application's own service.
	 */
	@Bean
	BindableService echoService() {
		return new EchoService();
	}

	@Bean
	BoundPort boundPort() {
		return new BoundPort();
	}

	/**
	 * The port the server bound, from Spring gRPC's own event: the same for every target,
	 * whether health-grpc is on or off.
	 */
	static final class BoundPort implements ApplicationListener<GrpcServerStartedEvent> {

		private final CompletableFuture<Integer> port = new CompletableFuture<>();

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			this.port.complete(event.getPort());
		}

		int get() {
			try {
				// the server starts while the context refreshes: a bound, never a wait in
				// practice
				return this.port.get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Spring gRPC reported no started server", ex);
			}
		}

	}

	/**
	 * A health contributor that takes 5 s.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("bench.slow-contributor")
	static class SlowContributor {

		@Bean
		HealthIndicator slow() {
			return () -> {
				try {
					Thread.sleep(5_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			};
		}

	}

}
