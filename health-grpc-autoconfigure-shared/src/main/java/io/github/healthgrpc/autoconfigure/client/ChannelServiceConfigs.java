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

import java.util.Map;

import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties.Channel;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties.Retry;
import io.github.healthgrpc.client.ClientServiceConfig;
import io.github.healthgrpc.client.OutlierDetection;

import org.springframework.lang.Nullable;

/**
 * Each channel's default service config from its settings
 * ({@code health-grpc.client.channels.<name>.*}): client-side health checking, retries,
 * hedging and their throttling, and outlier detection around the policy that picks. The
 * same on both Spring Boot lines; each line's adapter hands it to its channels.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class ChannelServiceConfigs {

	private static final Channel DEFAULTS = new Channel();

	private final Map<String, Channel> channels;

	/**
	 * Create the service configs of the given channels.
	 * @param channels the settings by client name, as bound
	 */
	public ChannelServiceConfigs(Map<String, Channel> channels) {
		this.channels = channels;
	}

	/**
	 * Return the settings of a channel: its own, or the defaults when it has none
	 * (outlier detection is on for channels without settings too).
	 * @param name the client name
	 * @return the settings
	 */
	public Channel channel(String name) {
		return this.channels.getOrDefault(name, DEFAULTS);
	}

	/**
	 * Return whether the channel retries or hedges some calls: its builder must have
	 * retries on (in-process builders start with them off).
	 * @param name the client name
	 * @return whether retries must be enabled
	 */
	public boolean retries(String name) {
		Channel channel = channel(name);
		return !channel.getRetry().getMethods().isEmpty() || !channel.getHedging().getMethods().isEmpty();
	}

	/**
	 * Return the channel's service config.
	 * @param name the client name
	 * @param policy the load-balancing policy that picks, which outlier detection wraps;
	 * {@code null} when it is not known or the channel stays on grpc-java's pick_first
	 * @return the config, empty when it asks for nothing
	 */
	public Map<String, Object> serviceConfig(String name, @Nullable String policy) {
		Channel channel = channel(name);
		ClientServiceConfig.Builder config = ClientServiceConfig.builder();
		if (channel.getHealthCheck().isEnabled()) {
			config.healthCheck(channel.getHealthCheck().getServiceName());
		}
		Retry retry = channel.getRetry();
		config.retry(retry.getMethods(),
				new ClientServiceConfig.RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(),
						retry.getMaxBackoff(), retry.getBackoffMultiplier(), retry.getStatusCodes()));
		config.hedge(channel.getHedging().getMethods(), channel.getHedging().toPolicy());
		if (retries(name) && channel.getRetryThrottling().isEnabled()) {
			config.retryThrottling(channel.getRetryThrottling().toThrottling());
		}
		if (channel.getOutlierDetection().isEnabled() && policy != null && OutlierDetection.appliesTo(policy)) {
			config.outlierDetection(policy, channel.getOutlierDetection().toOutlierDetection());
		}
		return config.build();
	}

}
