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

package io.github.healthgrpc.benchmarks.boot3;

import io.github.healthgrpc.benchmarks.server.EchoService;
import io.github.healthgrpc.benchmarks.server.HealthTarget;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot 3.5 + net.devh 3.1.0 applications with Actuator and one service of their
 * own: once with net.devh's built-in health service, once with health-grpc's.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SpringServers {

	/**
	 * (b) net.devh's own health service, with health-grpc switched off; statuses set on
	 * net.devh's {@link HealthStatusManager} bean.
	 */
	static HealthTarget netDevhBuiltIn() {
		ConfigurableApplicationContext context = start("health-grpc.enabled=false");
		HealthStatusManager manager = context.getBean(HealthStatusManager.class);
		return target(context, (service, serving) -> manager.setStatus(service,
				serving ? HealthCheckResponse.ServingStatus.SERVING : HealthCheckResponse.ServingStatus.NOT_SERVING));
	}

	/**
	 * (c) the starter in its default configuration; statuses set on its
	 * {@link HealthStatusRegistry}.
	 */
	static HealthTarget healthGrpc() {
		return healthGrpc(start());
	}

	/**
	 * (c) with a contributor that takes 5 s each evaluation (bound to its own service, so
	 * that Check("") stays SERVING; its timeout raised so that it really takes 5 s).
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
		GrpcServerProperties server = context.getBean(GrpcServerProperties.class);
		return HealthTarget.of(server::getPort, setter, context::close);
	}

	private static ConfigurableApplicationContext start(String... properties) {
		// the drain delay only makes each process take 5 s longer to quit
		return new SpringApplicationBuilder(SpringServers.class).web(WebApplicationType.NONE)
			.properties("grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
					"logging.level.root=warn", "health-grpc.health.lifecycle.drain-delay=0")
			.properties(properties)
			.run();
	}

	/**
	 * The application's own service.
	 */
	@GrpcService
	BindableService echoService() {
		return new EchoService();
	}

	/**
	 * A health contributor that takes 5 s.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("bench.slow-contributor")
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
