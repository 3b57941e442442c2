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

import io.github.healthgrpc.health.FixedHealthStatusUpdater;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.HealthStatusUpdater;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Without an Actuator binding (no Actuator on the class path, or the application's own
 * updater elsewhere): every service SERVING, gated by readiness and shutdown.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcHealthAutoConfiguration.class,
		afterName = "io.github.healthgrpc.autoconfigure.health.HealthGrpcActuatorHealthAutoConfiguration")
@ConditionalOnBean(HealthStatusRegistry.class)
public class HealthGrpcFixedHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(HealthStatusUpdater.class)
	FixedHealthStatusUpdater healthGrpcStatusUpdater(HealthStatusRegistry registry,
			HealthGrpcHealthProperties properties) {
		return new FixedHealthStatusUpdater(registry, properties.getServices().keySet());
	}

}
