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
import io.grpc.BindableService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the gRPC Health service: the status registry, the updater that
 * feeds it (from Actuator when present), the lifecycle that flips it, and the net.devh
 * {@code @GrpcService} beans that serve it.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		afterName = { "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration" },
		beforeName = { "net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration",
				"net.devh.boot.grpc.server.autoconfigure.GrpcHealthServiceAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnClass(BindableService.class)
@EnableConfigurationProperties(HealthGrpcHealthProperties.class)
@Import({ ActuatorHealthConfiguration.class, FixedHealthConfiguration.class, NetDevhHealthServiceConfiguration.class,
		StatusMetricsConfiguration.class })
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

}
