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
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Defaults that health-grpc gives other libraries' properties (the gRPC integration's,
 * Spring Cloud Consul's), as the lowest-precedence property source, and only where the
 * user set nothing: each line's environment post-processor collects them here.
 *
 * @author health-grpc authors
 */
public final class HealthGrpcDefaults {

	/**
	 * Name of the property source that holds the defaults.
	 */
	public static final String PROPERTY_SOURCE_NAME = "healthGrpcDefaults";

	/**
	 * Spring Cloud Consul's switch for resolving passing instances only.
	 */
	public static final String CONSUL_QUERY_PASSING_PROPERTY = "spring.cloud.consul.discovery.query-passing";

	/**
	 * Spring Cloud Consul's switch for failing startup when the agent cannot be reached.
	 */
	public static final String CONSUL_FAIL_FAST_PROPERTY = "spring.cloud.consul.discovery.fail-fast";

	private static final String CONSUL_DISCOVERY_CLASS = "org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties";

	private final ConfigurableEnvironment environment;

	@Nullable
	private final SpringApplication application;

	private final Map<String, Object> defaults = new LinkedHashMap<>();

	/**
	 * Start collecting defaults.
	 * @param environment the environment, with the application's configuration loaded
	 * @param application the application, or {@code null}
	 */
	public HealthGrpcDefaults(ConfigurableEnvironment environment, @Nullable SpringApplication application) {
		this.environment = environment;
		this.application = application;
	}

	/**
	 * Return whether health-grpc serves {@code grpc.health.v1.Health}: switched on, and
	 * its health auto-configuration not excluded (the auto-configuration report is not
	 * there yet, so {@code spring.autoconfigure.exclude} and
	 * {@code @EnableAutoConfiguration}'s exclusions are read here).
	 * @return whether it does
	 */
	public boolean servesHealth() {
		return this.environment.getProperty(HealthGrpcProperties.PREFIX + ".enabled", Boolean.class, true)
				&& this.environment.getProperty(HealthGrpcProperties.PREFIX + ".health.enabled", Boolean.class, true)
				&& !excluded().contains(HealthGrpcHealthAutoConfiguration.class.getName());
	}

	/**
	 * Return whether health-grpc works with Spring Cloud Consul here.
	 * @return whether Spring Cloud Consul's discovery is present and health-grpc's Consul
	 * support switched on
	 */
	public boolean usesConsul() {
		ClassLoader classLoader = (this.application != null) ? this.application.getClassLoader() : null;
		return ClassUtils.isPresent(CONSUL_DISCOVERY_CLASS, classLoader)
				&& this.environment.getProperty(HealthGrpcProperties.PREFIX + ".enabled", Boolean.class, true)
				&& this.environment.getProperty(HealthGrpcProperties.PREFIX + ".consul.enabled", Boolean.class, true);
	}

	/**
	 * Refuse a property that a user set to true where health-grpc serves health in its
	 * place.
	 * @param property the integration's switch of its own health service
	 * @throws IllegalStateException if it is set to true
	 */
	public void refuseBuiltInHealth(String property) {
		if (this.environment.getProperty(property, Boolean.class, false)) {
			throw new IllegalStateException("Both health-grpc.health.enabled and " + property
					+ " are true, but only one service can serve grpc.health.v1.Health: remove " + property
					+ " (health-grpc replaces it) or set health-grpc.health.enabled=false");
		}
	}

	/**
	 * Add Spring Cloud Consul's defaults: clients resolve passing instances only, and an
	 * agent that is down at startup does not stop the application (health-grpc registers
	 * it once the agent answers).
	 */
	public void consulDefaults() {
		putUnlessSet(CONSUL_QUERY_PASSING_PROPERTY, "true");
		putUnlessSet(CONSUL_FAIL_FAST_PROPERTY, "false");
	}

	/**
	 * Add a default only where the user set nothing: Boot moves its own default
	 * properties ({@code SpringApplication.setDefaultProperties}) last once the
	 * post-processors ran, below the source added here, so precedence alone would let
	 * this default win over them.
	 * @param key the property
	 * @param value its default
	 */
	public void putUnlessSet(String key, String value) {
		if (!this.environment.containsProperty(key)) {
			this.defaults.put(key, value);
		}
	}

	/**
	 * Add the collected defaults to the environment, last.
	 */
	public void apply() {
		if (!this.defaults.isEmpty()) {
			this.environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, this.defaults));
		}
	}

	private Set<String> excluded() {
		Set<String> excluded = new HashSet<>(Binder.get(this.environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of()));
		if (this.application != null) {
			for (Object source : this.application.getAllSources()) {
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

}
