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

import java.util.Set;

import io.github.healthgrpc.autoconfigure.client.DownstreamChecksFactory;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties;
import io.github.healthgrpc.autoconfigure.client.OnDownstreamHealthIndicatorCondition;
import io.github.healthgrpc.client.actuate.DownstreamHealthContributor;
import io.github.healthgrpc.client.actuate.SeparateHealthGroup;
import io.github.healthgrpc.client.downstream.DownstreamChecks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The {@code grpcDownstream} health contributor on the Spring Boot 4.1 line, as on 3.5:
 * when at least one channel asks for it
 * ({@code health-grpc.client.channels.<name>.health-indicator.enabled}), each downstream
 * asked through a channel of Spring gRPC's {@link GrpcChannelFactory} for that name
 * ({@code spring.grpc.client.channel.<name>.*}), made at its first check and kept.
 * Switched off by {@code management.health.grpc-downstream.enabled=false}, or by
 * {@code management.health.defaults.enabled=false} as every indicator. Out of
 * {@code /actuator/health}'s root status and in a group of its own unless
 * {@code health-grpc.client.health-indicator.counts-in-root-status}.
 *
 * @author health-grpc authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthContributor",
		"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
class SpringGrpcDownstreamHealthConfiguration {

	/**
	 * The contributor's name, from its bean's.
	 */
	static final String CONTRIBUTOR = "grpcDownstream";

	/**
	 * Nested, so that its condition is read only once the outer class found Spring Boot's
	 * health module on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("grpc-downstream")
	@Conditional(OnDownstreamHealthIndicatorCondition.class)
	static class Contributor {

		@Bean(destroyMethod = "close")
		DownstreamChecks healthGrpcDownstreamChecks(HealthGrpcClientProperties properties,
				ObjectProvider<GrpcChannelFactory> channels) {
			// Spring gRPC's factory makes a new channel on every call: made once per
			// name, then kept, and shut down with the factory's others
			return DownstreamChecksFactory.create(properties, (name) -> channels.getObject().createChannel(name));
		}

		@Bean
		HealthContributor grpcDownstreamHealthContributor(DownstreamChecks downstream) {
			return DownstreamHealthContributor.of(downstream);
		}

	}

	/**
	 * Keeps the downstream contributor out of the root status.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = HealthGrpcClientProperties.PREFIX, name = "health-indicator.counts-in-root-status",
			havingValue = "false", matchIfMissing = true)
	static class SeparateGroup {

		@Bean
		SeparateHealthGroup healthGrpcDownstreamHealthGroup(HealthGrpcClientProperties properties) {
			return new SeparateHealthGroup(Set.of(CONTRIBUTOR), properties.getHealthIndicator().getGroup());
		}

	}

}
