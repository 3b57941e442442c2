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
import java.util.function.Function;

import io.github.healthgrpc.client.downstream.DownstreamChecks;
import io.github.healthgrpc.client.downstream.DownstreamTarget;
import io.grpc.Channel;

import org.springframework.util.function.SingletonSupplier;

/**
 * The downstream checks that {@code health-grpc.client.channels.<name>.health-indicator}
 * asks for, on either line: each through its client's channel, made at its first check
 * and then kept.
 *
 * @author health-grpc authors
 */
public final class DownstreamChecksFactory {

	private DownstreamChecksFactory() {
	}

	/**
	 * Create the checks of every channel whose health indicator is enabled.
	 * @param properties the client properties
	 * @param channels makes the channel of a client name (called at most once per name,
	 * at its first check, and again only after it threw)
	 * @return the checks, not started
	 */
	public static DownstreamChecks create(HealthGrpcClientProperties properties, Function<String, Channel> channels) {
		List<DownstreamTarget> targets = new ArrayList<>();
		properties.getChannels().forEach((name, channel) -> {
			HealthGrpcClientProperties.ChannelHealthIndicator indicator = channel.getHealthIndicator();
			if (indicator.isEnabled()) {
				targets.add(new DownstreamTarget(name, SingletonSupplier.of(() -> channels.apply(name)),
						indicator.getService(), indicator.getTimeout()));
			}
		});
		return new DownstreamChecks(targets, properties.getHealthIndicator().getPeriod());
	}

}
