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

package io.github.healthgrpc.autoconfigure.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.consul.ConsulHealthWatch;
import io.grpc.NameResolver;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientNameResolver;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientResolverFactory;

import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * net.devh's {@code discovery:///} resolver factory, plus a Consul health watch of each
 * resolved service: when the service's passing instances change (one turned critical,
 * passing again, or was registered or deregistered), its resolvers resolve again at once.
 * net.devh alone resolves again only when Consul's catalog index moves, and that index
 * does not move when a check changes state.
 *
 * @author health-grpc authors
 */
class HealthWatchingResolverFactory extends DiscoveryClientResolverFactory {

	/**
	 * A resolve that was already running when a change arrived drops the refresh and may
	 * have read the list from before the change: resolve once more after this.
	 */
	static final Duration SETTLE_DELAY = Duration.ofMillis(500);

	private final ConsulHealthWatch watch;

	private final ScheduledExecutorService scheduler;

	// per service name; weak: a resolver that was shut down goes with its channel
	private final Map<String, Set<DiscoveryClientNameResolver>> resolvers = new ConcurrentHashMap<>();

	HealthWatchingResolverFactory(DiscoveryClient client, ConsulHealthWatch watch, ScheduledExecutorService scheduler) {
		super(client);
		this.watch = watch;
		this.scheduler = scheduler;
	}

	@Override
	protected DiscoveryClientNameResolver newNameResolver(String serviceName, NameResolver.Args args) {
		DiscoveryClientNameResolver resolver = super.newNameResolver(serviceName, args);
		// one atomic step per name with the removal in refresh(): a resolver is never
		// added to a set that is being dropped
		this.resolvers.compute(serviceName, (name, known) -> {
			Set<DiscoveryClientNameResolver> set = (known != null) ? known
					: Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
			set.add(resolver);
			this.watch.watch(name, () -> changed(name));
			return set;
		});
		return resolver;
	}

	private void changed(String service) {
		refresh(service);
		try {
			this.scheduler.schedule(() -> refresh(service), SETTLE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closing
		}
	}

	private void refresh(String service) {
		List<DiscoveryClientNameResolver> live = new ArrayList<>();
		this.resolvers.computeIfPresent(service, (name, set) -> {
			synchronized (set) {
				live.addAll(set);
			}
			if (live.isEmpty()) {
				// every channel to it is gone: stop watching
				this.watch.unwatch(name);
				return null;
			}
			return set;
		});
		live.forEach(DiscoveryClientNameResolver::refreshFromExternal);
	}

}
