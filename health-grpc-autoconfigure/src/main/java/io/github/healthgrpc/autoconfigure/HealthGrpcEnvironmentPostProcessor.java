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

package io.github.healthgrpc.autoconfigure;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches net.devh's built-in health service off when health-grpc serves
 * {@code grpc.health.v1.Health}, so that users need no configuration and never meet
 * net.devh's "Found duplicate service implementation".
 *
 * <p>
 * The switch is a default of the lowest precedence: it never overrides what the user set.
 * A user who explicitly asks for both health services gets a startup error that names
 * both properties.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthGrpcEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * net.devh 3.1.0's switch for its built-in health service.
	 */
	static final String NET_DEVH_HEALTH_PROPERTY = "grpc.server.health-service-enabled";

	static final String PROPERTY_SOURCE_NAME = "healthGrpcDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!healthGrpcServesHealth(environment)) {
			return;
		}
		if (environment.getProperty(NET_DEVH_HEALTH_PROPERTY, Boolean.class, false)) {
			throw new IllegalStateException("Both health-grpc.health.enabled and " + NET_DEVH_HEALTH_PROPERTY
					+ " are true, but only one service can serve grpc.health.v1.Health: remove "
					+ NET_DEVH_HEALTH_PROPERTY + " (health-grpc replaces it) or set health-grpc.health.enabled=false");
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(NET_DEVH_HEALTH_PROPERTY, "false")));
	}

	static boolean healthGrpcServesHealth(ConfigurableEnvironment environment) {
		return environment.getProperty(HealthGrpcProperties.PREFIX + ".enabled", Boolean.class, true)
				&& environment.getProperty(HealthGrpcProperties.PREFIX + ".health.enabled", Boolean.class, true);
	}

	@Override
	public int getOrder() {
		// after the config data (application.yml) is loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}
