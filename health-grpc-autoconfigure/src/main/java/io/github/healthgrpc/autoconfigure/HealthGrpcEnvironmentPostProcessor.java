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

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Sets health-grpc's defaults for net.devh's server, as defaults of the lowest precedence
 * that never override what the user set:
 * <ul>
 * <li>net.devh's built-in health service is switched off when health-grpc serves
 * {@code grpc.health.v1.Health}, so that users need no configuration and never meet
 * net.devh's "Found duplicate service implementation". Where health-grpc does not serve
 * it (switched off, or its health auto-configuration excluded the usual Boot way),
 * net.devh's service stays. A user who explicitly asks for both gets a startup error that
 * names both properties.</li>
 * <li>net.devh's shutdown grace period becomes 20 s (not 30 s), so that the default drain
 * (5 s) and the grace period fit Kubernetes' default 30 s termination grace period.</li>
 * <li>With Spring Cloud Consul discovery: clients resolve passing instances only, and an
 * agent that cannot be reached at startup does not fail the application (health-grpc
 * registers it once the agent answers).</li>
 * </ul>
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthGrpcEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * net.devh 3.1.0's switch for its built-in health service.
	 */
	static final String NET_DEVH_HEALTH_PROPERTY = "grpc.server.health-service-enabled";

	/**
	 * net.devh 3.1.0's wait for running calls when the server stops.
	 */
	static final String NET_DEVH_GRACE_PROPERTY = "grpc.server.shutdown-grace-period";

	/**
	 * Shutdown grace period that, with the default drain delay, fits a 30 s budget.
	 */
	static final String DEFAULT_GRACE_PERIOD = "20s";

	static final String PROPERTY_SOURCE_NAME = "healthGrpcDefaults";

	/**
	 * Spring Cloud Consul's switch for resolving passing instances only.
	 */
	static final String CONSUL_QUERY_PASSING_PROPERTY = "spring.cloud.consul.discovery.query-passing";

	/**
	 * Spring Cloud Consul's switch for failing startup when the agent cannot be reached.
	 */
	static final String CONSUL_FAIL_FAST_PROPERTY = "spring.cloud.consul.discovery.fail-fast";

	private static final String CONSUL_DISCOVERY_CLASS = "org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (healthGrpcServesHealth(environment, application)) {
			if (environment.getProperty(NET_DEVH_HEALTH_PROPERTY, Boolean.class, false)) {
				throw new IllegalStateException("Both health-grpc.health.enabled and " + NET_DEVH_HEALTH_PROPERTY
						+ " are true, but only one service can serve grpc.health.v1.Health: remove "
						+ NET_DEVH_HEALTH_PROPERTY
						+ " (health-grpc replaces it) or set health-grpc.health.enabled=false");
			}
			putUnlessSet(defaults, environment, NET_DEVH_HEALTH_PROPERTY, "false");
			putUnlessSet(defaults, environment, NET_DEVH_GRACE_PROPERTY, DEFAULT_GRACE_PERIOD);
		}
		if (healthGrpcUsesConsul(environment, application)) {
			// clients are sent to passing instances only
			putUnlessSet(defaults, environment, CONSUL_QUERY_PASSING_PROPERTY, "true");
			// an agent that is down at startup does not stop the application: health-grpc
			// registers it once the agent answers
			putUnlessSet(defaults, environment, CONSUL_FAIL_FAST_PROPERTY, "false");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	/**
	 * Add a default only where the user set nothing: Boot moves its own default
	 * properties ({@code SpringApplication.setDefaultProperties}) last once the
	 * post-processors ran, below the source added here, so precedence alone would let
	 * this default win over them.
	 */
	private static void putUnlessSet(Map<String, Object> defaults, ConfigurableEnvironment environment, String key,
			String value) {
		if (!environment.containsProperty(key)) {
			defaults.put(key, value);
		}
	}

	static boolean healthGrpcUsesConsul(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = (application != null) ? application.getClassLoader() : null;
		return ClassUtils.isPresent(CONSUL_DISCOVERY_CLASS, classLoader)
				&& environment.getProperty(HealthGrpcProperties.PREFIX + ".enabled", Boolean.class, true)
				&& environment.getProperty(HealthGrpcProperties.PREFIX + ".consul.enabled", Boolean.class, true);
	}

	static boolean healthGrpcServesHealth(ConfigurableEnvironment environment, SpringApplication application) {
		return environment.getProperty(HealthGrpcProperties.PREFIX + ".enabled", Boolean.class, true)
				&& environment.getProperty(HealthGrpcProperties.PREFIX + ".health.enabled", Boolean.class, true)
				&& !excluded(environment, application).contains(HealthGrpcHealthAutoConfiguration.class.getName());
	}

	/**
	 * Return the auto-configurations excluded by {@code spring.autoconfigure.exclude} and
	 * by {@code @EnableAutoConfiguration} (or {@code @SpringBootApplication}) on the
	 * application's sources: the auto-configuration report is not there yet.
	 */
	private static Set<String> excluded(ConfigurableEnvironment environment, SpringApplication application) {
		Set<String> excluded = new HashSet<>(Binder.get(environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of()));
		if (application != null) {
			for (Object source : application.getAllSources()) {
				if (source instanceof Class<?> type) {
					MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
						.stream(EnableAutoConfiguration.class)
						.forEach((annotation) -> addExclusions(annotation, excluded));
				}
			}
		}
		return excluded;
	}

	private static void addExclusions(MergedAnnotation<EnableAutoConfiguration> annotation, Set<String> excluded) {
		for (Class<?> type : annotation.getClassArray("exclude")) {
			excluded.add(type.getName());
		}
		excluded.addAll(List.of(annotation.getStringArray("excludeName")));
	}

	@Override
	public int getOrder() {
		// after the config data (application.yml) is loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}
