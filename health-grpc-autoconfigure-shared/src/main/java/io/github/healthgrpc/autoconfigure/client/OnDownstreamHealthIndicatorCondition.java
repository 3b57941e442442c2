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

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a channel has its downstream health indicator switched on
 * ({@code health-grpc.client.channels.<name>.health-indicator.enabled}).
 *
 * @author health-grpc authors
 */
public class OnDownstreamHealthIndicatorCondition extends SpringBootCondition {

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
