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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.healthgrpc.client.lb.WeightedLoadBalancerProvider;
import io.grpc.Attributes;
import io.grpc.NameResolver;
import io.grpc.internal.SharedResourceHolder;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientNameResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.lang.Nullable;

/**
 * net.devh's resolver of one {@code discovery:///} service, plus each instance's weight
 * (from its metadata) on its address for the {@code weighted} policy. A change of weights
 * alone is passed on too: net.devh passes on only changes of hosts and ports. A refresh
 * asked for while a resolve runs is done once it has finished ({@link PendingRefresh}).
 *
 * @author health-grpc authors
 */
class WeightedDiscoveryNameResolver extends DiscoveryClientNameResolver {

	private static final Log logger = LogFactory.getLog(WeightedDiscoveryNameResolver.class);

	private final String serviceName;

	private final String weightKey;

	// bad weights warned about, once each; bounded for services whose instances churn
	private static final int MAX_WARNED = 1_000;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	// instance to weight as last passed on; written by one resolve at a time
	private volatile Map<String, Integer> lastWeights = Map.of();

	@Nullable
	private final PendingRefresh pending;

	WeightedDiscoveryNameResolver(String serviceName, DiscoveryClient client, NameResolver.Args args,
			SharedResourceHolder.Resource<Executor> executor, Consumer<DiscoveryClientNameResolver> shutdownHook,
			String weightKey) {
		this(serviceName, client, args, PendingRefresh.of(args), executor, shutdownHook, weightKey);
	}

	private WeightedDiscoveryNameResolver(String serviceName, DiscoveryClient client, NameResolver.Args args,
			@Nullable PendingRefresh pending, SharedResourceHolder.Resource<Executor> executor,
			Consumer<DiscoveryClientNameResolver> shutdownHook, String weightKey) {
		super(serviceName, client, (pending != null) ? pending.args() : args, executor, shutdownHook);
		this.serviceName = serviceName;
		this.weightKey = weightKey;
		this.pending = pending;
		if (pending != null) {
			pending.resolveWith(super::refreshFromExternal);
		}
	}

	/**
	 * Resolve again, now or, when a resolve is running, once it has finished.
	 */
	@Override
	public void refreshFromExternal() {
		if (this.pending != null) {
			this.pending.requested();
		}
		super.refreshFromExternal();
	}

	/**
	 * Resolve again, unless shut down: grpc-java retries a failed resolve on a timer,
	 * which may fire once the channel has shut its resolver down, and net.devh's resolver
	 * then throws in the channel's synchronization context.
	 */
	@Override
	public void refresh() {
		if (isActive()) {
			super.refresh();
		}
	}

	@Override
	protected List<ServiceInstance> discoverServers() {
		if (this.pending != null) {
			this.pending.reading();
		}
		return super.discoverServers();
	}

	String serviceName() {
		return this.serviceName;
	}

	@Override
	protected Attributes getAttributes(ServiceInstance instance) {
		return super.getAttributes(instance).toBuilder()
			.set(WeightedLoadBalancerProvider.WEIGHT, weightOf(instance))
			.build();
	}

	@Override
	protected boolean needsToUpdateConnections(List<ServiceInstance> instances) {
		Map<String, Integer> weights = new HashMap<>();
		instances.forEach((instance) -> weights.put(key(instance), weightOf(instance)));
		boolean changed = !weights.equals(this.lastWeights);
		this.lastWeights = weights;
		return super.needsToUpdateConnections(instances) || changed;
	}

	private int weightOf(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		String value = (metadata != null) ? metadata.get(this.weightKey) : null;
		if (value == null) {
			return WeightedLoadBalancerProvider.DEFAULT_WEIGHT;
		}
		try {
			int weight = Integer.parseInt(value.trim());
			if (weight > 0) {
				return weight;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		String shown = (value.length() > 32) ? value.substring(0, 32) + "..." : value;
		if (this.warned.size() < MAX_WARNED && this.warned.add(instance.getInstanceId() + "=" + shown)) {
			logger.warn("Instance " + instance.getInstanceId() + " of '" + this.serviceName + "' has " + this.weightKey
					+ "=" + shown + ", not a positive whole number: it weighs "
					+ WeightedLoadBalancerProvider.DEFAULT_WEIGHT);
		}
		return WeightedLoadBalancerProvider.DEFAULT_WEIGHT;
	}

	private static String key(ServiceInstance instance) {
		return instance.getInstanceId() + "@" + instance.getHost() + ":" + instance.getPort();
	}

}
