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

import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcClientProperties;
import io.github.healthgrpc.client.lb.LoadBalancingPolicyNames;
import io.grpc.LoadBalancerRegistry;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Fails startup on client settings that binding accepts but that could only fail later: a
 * {@code grpc.client.<name>.default-load-balancing-policy} that grpc-java has no policy
 * of (which fails every call of the client with INTERNAL), and
 * {@code health-grpc.client.channels.GLOBAL}. net.devh's {@code grpc.client.GLOBAL} gives
 * every client defaults; health-grpc's channel settings have none, and a GLOBAL entry
 * would silently configure a client named GLOBAL instead, so it is refused.
 *
 * <p>
 * A post-processor, so that each check runs as the settings are bound, before any channel
 * exists.
 *
 * @author health-grpc authors
 */
class ClientSettingsCheck implements BeanPostProcessor {

	/**
	 * The key of net.devh's defaults for every client.
	 */
	static final String GLOBAL = GrpcChannelsProperties.GLOBAL_PROPERTIES_KEY;

	private final LoadBalancerRegistry registry;

	ClientSettingsCheck(LoadBalancerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof GrpcChannelsProperties channels) {
			channels.getClient()
				.forEach((name, channel) -> LoadBalancingPolicyNames.requireRegistered(this.registry,
						"grpc.client." + name + ".default-load-balancing-policy",
						channel.getDefaultLoadBalancingPolicy()));
		}
		if (bean instanceof HealthGrpcClientProperties properties && properties.getChannels().containsKey(GLOBAL)) {
			throw new IllegalStateException(HealthGrpcClientProperties.PREFIX + ".channels." + GLOBAL
					+ " is not supported: health-grpc's channel settings have no defaults for every client, as "
					+ "net.devh's grpc.client." + GLOBAL + " has; set them under " + HealthGrpcClientProperties.PREFIX
					+ ".channels.<name> of each client");
		}
		return bean;
	}

}
