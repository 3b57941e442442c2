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

import java.util.List;

import io.github.healthgrpc.autoconfigure.HealthGrpcDefaults;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sets health-grpc's defaults for Spring Boot's gRPC server, as defaults of the lowest
 * precedence that never override what the user set:
 * <ul>
 * <li>Spring Boot's built-in health service ({@code spring.grpc.server.health.enabled})
 * is switched off when health-grpc serves {@code grpc.health.v1.Health}, so that users
 * need no configuration and never meet two services of one name. Where health-grpc does
 * not serve it (switched off, or its health auto-configuration excluded), Spring Boot's
 * stays. A user who explicitly asks for both gets a startup error that names both
 * properties.</li>
 * <li>The server's shutdown grace period becomes 20 s (Spring Boot's is 30 s), so that
 * the default drain (5 s) and the grace period fit Kubernetes' default 30 s termination
 * grace period.</li>
 * <li>With Spring Cloud Consul discovery: clients resolve passing instances only, and an
 * agent that cannot be reached at startup does not fail the application.</li>
 * </ul>
 * It also says, in one WARN line, which {@code health-grpc.*} properties set here have no
 * effect on this line: those of Spring Cloud Consul 4.3's HTTP client, which 5.0 does not
 * have.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthGrpcSpringGrpcEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Spring Boot's switch for its built-in health service.
	 */
	static final String BOOT_HEALTH_PROPERTY = "spring.grpc.server.health.enabled";

	/**
	 * Spring Boot's wait for running calls when the server stops.
	 */
	static final String BOOT_GRACE_PROPERTY = "spring.grpc.server.shutdown.grace-period";

	/**
	 * Shutdown grace period that, with the default drain delay, fits a 30 s budget.
	 */
	static final String DEFAULT_GRACE_PERIOD = "20s";

	/**
	 * The properties of the Spring Boot 3.5 line's Consul HTTP client (consul-api's),
	 * which Spring Cloud Consul 5.0 does not use.
	 */
	static final List<String> WITHOUT_EFFECT = List.of("health-grpc.consul.agent.transport-enabled",
			"health-grpc.consul.agent.read-timeout");

	private final Log logger;

	/**
	 * Create the post-processor.
	 * @param logs where its lines go, once logging is set up
	 */
	public HealthGrpcSpringGrpcEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.logger = logs.getLog(HealthGrpcSpringGrpcEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> set = WITHOUT_EFFECT.stream().filter(environment::containsProperty).toList();
		if (!set.isEmpty()) {
			this.logger.warn(String.join(" and ", set) + ((set.size() == 1) ? " has" : " have")
					+ " no effect on Spring Boot 4.1: Spring Cloud Consul 5.0 has no consul-api HTTP client to "
					+ "configure; health-grpc's own calls to the agent take health-grpc.consul.agent.request-timeout");
		}
		HealthGrpcDefaults defaults = new HealthGrpcDefaults(environment, application);
		if (defaults.servesHealth()) {
			defaults.refuseBuiltInHealth(BOOT_HEALTH_PROPERTY);
			defaults.putUnlessSet(BOOT_HEALTH_PROPERTY, "false");
			defaults.putUnlessSet(BOOT_GRACE_PROPERTY, DEFAULT_GRACE_PERIOD);
		}
		if (defaults.usesConsul()) {
			defaults.consulDefaults();
		}
		defaults.apply();
	}

	@Override
	public int getOrder() {
		// after the config data (application.yml) is loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}
