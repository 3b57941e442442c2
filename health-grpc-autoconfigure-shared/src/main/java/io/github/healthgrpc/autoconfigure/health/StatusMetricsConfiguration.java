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

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.metrics.HealthStatusMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Micrometer: a gauge per health service status, bound to every meter registry by
 * Spring Boot.
 *
 * @author health-grpc authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "status-gauge.enabled", matchIfMissing = true)
class StatusMetricsConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	HealthStatusMetrics healthGrpcStatusMetrics(HealthStatusRegistry registry) {
		return new HealthStatusMetrics(registry);
	}

}
