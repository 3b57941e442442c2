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

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcClientProperties.Channel;
import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcClientProperties.Retry;
import io.github.healthgrpc.client.ClientServiceConfig;
import io.github.healthgrpc.client.OutlierDetection;
import io.grpc.ManagedChannelBuilder;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.config.GrpcChannelProperties;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.lang.Nullable;

/**
 * Gives each net.devh channel its default service config
 * ({@code health-grpc.client.channels.<name>.*}): client-side health checking, retries,
 * hedging and their throttling, and outlier detection around the policy that net.devh
 * sets ({@code grpc.client.<name>.default-load-balancing-policy}), which stays the one
 * that picks.
 *
 * @author health-grpc authors
 */
class ChannelServiceConfigConfigurer implements GrpcChannelConfigurer {

	private static final Log logger = LogFactory.getLog(ChannelServiceConfigConfigurer.class);

	private static final Channel DEFAULTS = new Channel();

	private final Map<String, Channel> channels;

	@Nullable
	private final GrpcChannelsProperties netDevh;

	// names already warned about, once each
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	ChannelServiceConfigConfigurer(Map<String, Channel> channels, @Nullable GrpcChannelsProperties netDevh) {
		this.channels = channels;
		this.netDevh = netDevh;
	}

	@Override
	public void accept(ManagedChannelBuilder<?> builder, String name) {
		// outlier detection is on for channels that have no settings of their own too
		Channel channel = this.channels.getOrDefault(name, DEFAULTS);
		ClientServiceConfig.Builder config = ClientServiceConfig.builder();
		if (channel.getHealthCheck().isEnabled()) {
			config.healthCheck(channel.getHealthCheck().getServiceName());
			warnIfPickFirst(name);
		}
		Retry retry = channel.getRetry();
		config.retry(retry.getMethods(),
				new ClientServiceConfig.RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(),
						retry.getMaxBackoff(), retry.getBackoffMultiplier(), retry.getStatusCodes()));
		config.hedge(channel.getHedging().getMethods(), channel.getHedging().toPolicy());
		if (!retry.getMethods().isEmpty() || !channel.getHedging().getMethods().isEmpty()) {
			if (channel.getRetryThrottling().isEnabled()) {
				config.retryThrottling(channel.getRetryThrottling().toThrottling());
			}
			// in-process channels start with retries off
			builder.enableRetry();
		}
		String policy = balancedPolicy(name);
		if (channel.getOutlierDetection().isEnabled() && policy != null && OutlierDetection.appliesTo(policy)) {
			config.outlierDetection(policy, channel.getOutlierDetection().toOutlierDetection());
		}
		Map<String, Object> serviceConfig = config.build();
		if (!serviceConfig.isEmpty()) {
			builder.defaultServiceConfig(serviceConfig);
		}
	}

	/**
	 * Return the policy net.devh gives the channel, or {@code null} when it gives none:
	 * without net.devh's properties, and for in-process channels, which stay on
	 * grpc-java's pick_first.
	 */
	@Nullable
	private String balancedPolicy(String name) {
		if (this.netDevh == null) {
			return null;
		}
		GrpcChannelProperties channel = this.netDevh.getChannel(name);
		URI address = channel.getAddress();
		if (address != null && "in-process".equals(address.getScheme())) {
			return null;
		}
		return channel.getDefaultLoadBalancingPolicy();
	}

	private void warnIfPickFirst(String name) {
		String policy = (this.netDevh != null) ? this.netDevh.getChannel(name).getDefaultLoadBalancingPolicy() : null;
		if ("pick_first".equals(policy) && this.warned.add(name)) {
			logger.warn("health-grpc.client.channels." + name + ".health-check.enabled is true, but grpc.client." + name
					+ ".default-load-balancing-policy is pick_first, which never checks health: use "
					+ "round_robin, random, least_request or weighted");
		}
	}

}
