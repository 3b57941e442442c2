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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.healthgrpc.client.ServiceWatch;
import io.grpc.NameResolver;
import io.grpc.internal.GrpcUtil;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientNameResolver;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientResolverFactory;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.HeartbeatMonitor;
import org.springframework.context.event.EventListener;
import org.springframework.lang.Nullable;

/**
 * net.devh's {@code discovery:///} resolver factory, with two additions:
 * <ul>
 * <li>each instance's weight (metadata) on its address, for the {@code weighted}
 * policy;</li>
 * <li>a {@link ServiceWatch} (Consul's health watch) tells it when a service's healthy
 * instances change, and that service's resolvers resolve again at once: net.devh alone
 * waits for a discovery heartbeat whose value changed, and Consul's does not change when
 * a check does.</li>
 * </ul>
 * Heartbeats still refresh every resolver, as net.devh's do.
 *
 * @author health-grpc authors
 */
class HealthGrpcDiscoveryResolverFactory extends DiscoveryClientResolverFactory {

	private final DiscoveryClient client;

	private final ServiceWatch watch;

	private final String weightKey;

	private final HeartbeatMonitor monitor = new HeartbeatMonitor();

	// per service name, the live resolvers: each leaves through its shutdown hook
	private final Map<String, Set<WeightedDiscoveryNameResolver>> resolvers = new ConcurrentHashMap<>();

	HealthGrpcDiscoveryResolverFactory(DiscoveryClient client, ServiceWatch watch, String weightKey) {
		super(client);
		this.client = client;
		this.watch = watch;
		this.weightKey = weightKey;
	}

	@Nullable
	@Override
	public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
		// not super's: its own set of resolvers would keep every resolver whose
		// shutdown hook is ours, and refresh it on heartbeats after the channel is gone
		if (!DISCOVERY_SCHEME.equals(targetUri.getScheme())) {
			return null;
		}
		String path = targetUri.getPath();
		if (path == null || path.length() <= 1 || !path.startsWith("/")) {
			throw new IllegalArgumentException("Incorrectly formatted target uri; expected: '" + DISCOVERY_SCHEME
					+ ":[//]/<service-name>'; but was '" + targetUri + "'");
		}
		String serviceName = path.substring(1);
		WeightedDiscoveryNameResolver resolver = (WeightedDiscoveryNameResolver) newNameResolver(serviceName, args);
		// one atomic step per name, as in forget(): the first in starts the watch
		this.resolvers.compute(serviceName, (name, known) -> {
			Set<WeightedDiscoveryNameResolver> set = (known != null) ? known : ConcurrentHashMap.newKeySet();
			if (set.isEmpty()) {
				this.watch.watch(name, () -> changed(name));
			}
			set.add(resolver);
			return set;
		});
		return resolver;
	}

	@Override
	protected DiscoveryClientNameResolver newNameResolver(String serviceName, NameResolver.Args args) {
		return new WeightedDiscoveryNameResolver(serviceName, this.client, args, GrpcUtil.SHARED_CHANNEL_EXECUTOR,
				(resolver) -> forget((WeightedDiscoveryNameResolver) resolver), this.weightKey);
	}

	private void forget(WeightedDiscoveryNameResolver resolver) {
		this.resolvers.computeIfPresent(resolver.serviceName(), (name, set) -> {
			set.remove(resolver);
			if (set.isEmpty()) {
				this.watch.unwatch(name);
				return null;
			}
			return set;
		});
	}

	private void changed(String service) {
		Set<WeightedDiscoveryNameResolver> set = this.resolvers.get(service);
		if (set != null) {
			set.forEach(DiscoveryClientNameResolver::refreshFromExternal);
		}
	}

	@Override
	@EventListener(HeartbeatEvent.class)
	public void heartbeat(HeartbeatEvent event) {
		if (this.monitor.update(event.getValue())) {
			this.resolvers.values().forEach((set) -> set.forEach(DiscoveryClientNameResolver::refreshFromExternal));
		}
	}

	@Override
	public void destroy() {
		List.copyOf(this.resolvers.keySet()).forEach(this.watch::unwatch);
		this.resolvers.clear();
	}

}
