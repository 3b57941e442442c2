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
package io.github.healthgrpc.autoconfigure.health;

import java.util.Map;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.HealthStatusUpdater;
import io.github.healthgrpc.health.actuate.ActuatorHealthStatusUpdater;
import io.github.healthgrpc.health.actuate.ServingStatusMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator binding of the Spring Boot 4.1 line
 * ({@code org.springframework.boot.health}): gRPC statuses evaluated from the health
 * contributors on a schedule. Without Spring Boot's health module, the Health service
 * reports every service SERVING, gated by readiness and shutdown.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcHealthAutoConfiguration.class,
		afterName = {
				"org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(HealthStatusRegistry.class)
public class HealthGrpcActuatorHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServingStatusMapper healthGrpcServingStatusMapper(HealthGrpcHealthProperties properties) {
		return ServingStatusMapper.of(properties.getStatusMapping());
	}

	@Bean
	@ConditionalOnMissingBean(HealthStatusUpdater.class)
	ActuatorHealthStatusUpdater healthGrpcStatusUpdater(HealthStatusRegistry registry,
			HealthGrpcHealthProperties properties, ServingStatusMapper mapper,
			ObjectProvider<HealthContributorRegistry> contributorRegistry, ObjectProvider<HealthEndpointGroups> groups,
			ObjectProvider<StatusAggregator> aggregator, Map<String, HealthContributor> contributorBeans) {
		// the registry exists wherever Spring Boot's health auto-configuration runs; fall
		// back to the beans themselves
		HealthContributorRegistry available = contributorRegistry.getIfAvailable();
		HealthContributors contributors = (available != null) ? available : registryOf(contributorBeans);
		HealthEndpointGroups endpointGroups = groups.getIfAvailable();
		StatusAggregator defaultAggregator = (endpointGroups != null)
				? endpointGroups.getPrimary().getStatusAggregator()
				: aggregator.getIfAvailable(StatusAggregator::getDefault);
		return ActuatorHealthBinding.updater(registry, properties, mapper,
				new ActuatorContributors(contributors, defaultAggregator), ActuatorContributors.groups(endpointGroups),
				ActuatorContributors.aggregator(defaultAggregator));
	}

	private static HealthContributors registryOf(Map<String, HealthContributor> beans) {
		HealthContributorNameGenerator names = HealthContributorNameGenerator.withoutStandardSuffixes();
		return new DefaultHealthContributorRegistry(null, (registration) -> beans
			.forEach((name, contributor) -> registration.accept(names.generateContributorName(name), contributor)));
	}

}
