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

import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcClientProperties;
import io.github.healthgrpc.client.actuate.DownstreamHealth;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The {@code grpcDownstream} health contributor, when at least one channel asks for it
 * ({@code health-grpc.client.channels.<name>.health-indicator.enabled}). Switched off by
 * {@code management.health.grpc-downstream.enabled=false}, or by
 * {@code management.health.defaults.enabled=false} as every Actuator indicator. It is in
 * no health group of its own: not in liveness (a downstream outage must not restart this
 * application), and not behind health-grpc's own statuses (it is an ignored contributor).
 *
 * @author health-grpc authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.health.HealthContributor",
		"org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator" })
class DownstreamHealthConfiguration {

	/**
	 * Nested, so that its Actuator condition is read only once the outer class found
	 * Actuator's auto-configuration on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("grpc-downstream")
	@Conditional(OnDownstreamHealthIndicator.class)
	static class Contributor {

		@Bean(destroyMethod = "close")
		DownstreamHealth healthGrpcDownstreamHealth(HealthGrpcClientProperties properties,
				ObjectProvider<GrpcChannelFactory> channels) {
			List<DownstreamHealth.Target> targets = new ArrayList<>();
			properties.getChannels().forEach((name, channel) -> {
				if (channel.getHealthIndicator().isEnabled()) {
					targets.add(new DownstreamHealth.Target(name, () -> channels.getObject().createChannel(name),
							channel.getHealthIndicator().getService(), channel.getHealthIndicator().getTimeout()));
				}
			});
			return new DownstreamHealth(targets, properties.getHealthIndicator().getPeriod());
		}

		@Bean
		HealthContributor grpcDownstreamHealthContributor(DownstreamHealth downstream) {
			return downstream.contributor();
		}

	}

	/**
	 * Matches when a channel has its health indicator switched on.
	 */
	static class OnDownstreamHealthIndicator extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean any = Binder.get(context.getEnvironment())
				.bind(HealthGrpcClientProperties.PREFIX + ".channels",
						Bindable.mapOf(String.class, HealthGrpcClientProperties.Channel.class))
				.map((channels) -> channels.values().stream().anyMatch((c) -> c.getHealthIndicator().isEnabled()))
				.orElse(false);
			ConditionMessage.Builder message = ConditionMessage.forCondition("downstream health indicator");
			return any ? ConditionOutcome.match(message.because("a channel has one"))
					: ConditionOutcome.noMatch(message.because("no channel has one"));
		}

	}

}
