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

import io.github.healthgrpc.health.HealthLifecycle;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.github.healthgrpc.health.grpc.HealthStatusManagerMirror;
import io.github.healthgrpc.health.grpc.LegacyHealthGrpcService;
import io.grpc.protobuf.services.HealthStatusManager;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Health services as net.devh {@code @GrpcService} beans, and the server events that
 * move the lifecycle.
 *
 * @author health-grpc authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(GrpcService.class)
class NetDevhHealthServiceConfiguration {

	@Bean
	@GrpcService
	@ConditionalOnMissingBean
	HealthGrpcService healthGrpcService(HealthStatusRegistry registry, HealthGrpcHealthProperties properties) {
		HealthServiceLimits limits = new HealthServiceLimits(properties.getList().isEnabled(),
				properties.getList().getMaxServices(), properties.getWatch().getMaxStreams());
		return new HealthGrpcService(registry, limits);
	}

	@Bean
	@GrpcService
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "legacy.enabled")
	LegacyHealthGrpcService healthGrpcLegacyService(HealthStatusRegistry registry) {
		return new LegacyHealthGrpcService(registry);
	}

	/**
	 * net.devh users inject grpc-java's manager to set statuses: keep it, and carry what
	 * they set into the registry (net.devh's own health service, which would serve it, is
	 * off).
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
	GrpcServerHealthEventListener healthGrpcServerEventListener(HealthLifecycle lifecycle,
			HealthStatusManagerMirror mirror, HealthGrpcHealthProperties properties) {
		return new GrpcServerHealthEventListener(lifecycle, mirror, properties.isRegisterServerServices());
	}

}
