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

package io.github.healthgrpc.autoconfigure.client;

import java.util.Set;

import io.github.healthgrpc.client.actuate.DownstreamHealthContributor;
import io.github.healthgrpc.client.actuate.SeparateHealthGroup;
import io.github.healthgrpc.client.downstream.DownstreamChecks;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code grpcDownstream} health contributor, when at least one channel asks for it
 * ({@code health-grpc.client.channels.<name>.health-indicator.enabled}). Switched off by
 * {@code management.health.grpc-downstream.enabled=false}, or by
 * {@code management.health.defaults.enabled=false} as every Actuator indicator. A
 * downstream outage changes nothing of this application's own health: the contributor is
 * out of {@code /actuator/health}'s root status and in a group of its own
 * ({@code health-grpc.client.health-indicator.group}) unless
 * {@code counts-in-root-status}; not in liveness or readiness (a downstream outage must
 * not restart this application or take it out); and not behind health-grpc's own statuses
 * (it is an ignored contributor).
 *
 * @author health-grpc authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.health.HealthContributor",
		"org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator" })
class DownstreamHealthConfiguration {

	/**
	 * The contributor's name, from its bean's.
	 */
	static final String CONTRIBUTOR = "grpcDownstream";

	/**
	 * net.devh's indicator of its channels' connectivity.
	 */
	static final String NET_DEVH_CONTRIBUTOR = "grpcChannel";

	/**
	 * Nested, so that its Actuator condition is read only once the outer class found
	 * Actuator's auto-configuration on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("grpc-downstream")
	@Conditional(OnDownstreamHealthIndicatorCondition.class)
	static class Contributor {

		@Bean(destroyMethod = "close")
		DownstreamChecks healthGrpcDownstreamChecks(HealthGrpcClientProperties properties,
				ObjectProvider<GrpcChannelFactory> channels) {
			// net.devh's factory keeps one channel per name
			return DownstreamChecksFactory.create(properties, (name) -> channels.getObject().createChannel(name));
		}

		@Bean
		HealthContributor grpcDownstreamHealthContributor(DownstreamChecks downstream) {
			return DownstreamHealthContributor.of(downstream);
		}

	}

	/**
	 * Keeps the contributors that report on downstreams out of the root status:
	 * health-grpc's and net.devh's {@code grpcChannel}, which turns OUT_OF_SERVICE while
	 * any channel is in TRANSIENT_FAILURE, a downstream outage by another name.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = HealthGrpcClientProperties.PREFIX, name = "health-indicator.counts-in-root-status",
			havingValue = "false", matchIfMissing = true)
	static class SeparateGroup {

		@Bean
		SeparateHealthGroup healthGrpcDownstreamHealthGroup(HealthGrpcClientProperties properties) {
			return new SeparateHealthGroup(Set.of(CONTRIBUTOR, NET_DEVH_CONTRIBUTOR),
					properties.getHealthIndicator().getGroup());
		}

	}

}
