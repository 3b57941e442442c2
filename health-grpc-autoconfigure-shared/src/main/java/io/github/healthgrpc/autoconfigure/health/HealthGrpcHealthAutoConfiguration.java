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

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.health.HealthLifecycle;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.HealthStatusUpdater;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.github.healthgrpc.health.grpc.HealthStatusManagerMirror;
import io.github.healthgrpc.health.grpc.LegacyHealthGrpcService;
import io.grpc.BindableService;
import io.grpc.protobuf.services.HealthStatusManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the gRPC Health service: the status registry, the lifecycle that
 * flips it, and the Health services themselves. The updater that feeds the registry comes
 * after: from Actuator ({@code HealthGrpcActuatorHealthAutoConfiguration}, one per Spring
 * Boot line), or fixed ({@link HealthGrpcFixedHealthAutoConfiguration}). The gRPC
 * integration's adapter registers the services with its server and reports the server's
 * start and stop ({@link io.github.healthgrpc.server.GrpcServerListener}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		beforeName = { "net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration",
				"net.devh.boot.grpc.server.autoconfigure.GrpcHealthServiceAutoConfiguration",
				"org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
				"org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnClass({ BindableService.class, HealthStatusManager.class })
@EnableConfigurationProperties(HealthGrpcHealthProperties.class)
@Import(StatusMetricsConfiguration.class)
public class HealthGrpcHealthAutoConfiguration {

	/**
	 * Order of the listener that, when the context closes, turns every status NOT_SERVING
	 * and waits the drain delay. Listeners that must act after the drain (deregistering
	 * from Consul) use a higher value.
	 */
	public static final int DRAIN_LISTENER_ORDER = 0;

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	HealthStatusRegistry healthGrpcStatusRegistry(HealthGrpcHealthProperties properties) {
		return HealthStatusRegistry.withOwnNotifier(!properties.getLifecycle().isWaitForReadiness());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthLifecycle healthGrpcLifecycle(HealthStatusRegistry registry, HealthStatusUpdater updater,
			HealthGrpcHealthProperties properties) {
		return new HealthLifecycle(registry, updater, properties.getLifecycle().isWaitForReadiness(),
				properties.getLifecycle().getDrainDelay());
	}

	@Bean
	HealthLifecycleApplicationListener healthGrpcLifecycleApplicationListener(HealthLifecycle lifecycle,
			ApplicationContext context) {
		return new HealthLifecycleApplicationListener(lifecycle, context);
	}

	@Bean
	AvailabilityReevaluation healthGrpcAvailabilityReevaluation(HealthStatusUpdater updater,
			ObjectProvider<ApplicationAvailability> availability) {
		return new AvailabilityReevaluation(updater, availability.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthGrpcService healthGrpcService(HealthStatusRegistry registry, HealthGrpcHealthProperties properties) {
		HealthServiceLimits limits = new HealthServiceLimits(properties.getList().isEnabled(),
				properties.getList().getMaxServices(), properties.getWatch().getMaxStreams());
		return new HealthGrpcService(registry, limits);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "legacy.enabled")
	LegacyHealthGrpcService healthGrpcLegacyService(HealthStatusRegistry registry) {
		return new LegacyHealthGrpcService(registry);
	}

	/**
	 * Applications set statuses on grpc-java's manager (net.devh and Spring Boot both
	 * offer it as a bean): keep it, and carry what they set into the registry (the
	 * integration's own health service, which would serve it, is off).
	 */
	@Bean
	@ConditionalOnMissingBean
	HealthStatusManager healthGrpcHealthStatusManager() {
		return new HealthStatusManager();
	}

	@Bean
	HealthStatusManagerMirror healthGrpcHealthStatusManagerMirror(HealthStatusManager manager,
			HealthStatusRegistry registry, HealthGrpcHealthProperties properties) {
		return new HealthStatusManagerMirror(manager, registry, properties.getServices().keySet());
	}

	@Bean
	GrpcServerHealthListener healthGrpcServerHealthListener(HealthLifecycle lifecycle, HealthStatusManagerMirror mirror,
			HealthGrpcHealthProperties properties) {
		return new GrpcServerHealthListener(lifecycle, mirror, properties.isRegisterServerServices());
	}

}
