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
package io.github.healthgrpc.client.discovery;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.healthgrpc.client.ServiceWatch;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;

import org.springframework.util.Assert;

/**
 * The {@code discovery:///<service>} scheme: each target resolves to the instances that
 * {@link ServiceInstances} lists for the service, and resolves again at once when the
 * {@link ServiceWatch} (Consul's health watch) reports that the service's passing
 * instances changed, or when {@link #refreshAll()} is called (a discovery heartbeat). The
 * first resolver of a service starts its watch, the last one to shut down stops it.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class DiscoveryNameResolverProvider extends NameResolverProvider implements AutoCloseable {

	/**
	 * The scheme.
	 */
	public static final String SCHEME = "discovery";

	/**
	 * Priority: below grpc-java's DNS resolver (5), so that, registered in grpc-java's
	 * JVM-wide registry, it never becomes the default scheme: a plain {@code host:port}
	 * target (Spring gRPC's {@code static://host:port} becomes one) still resolves
	 * through DNS, and only {@code discovery:///} targets come here.
	 */
	public static final int PRIORITY = 4;

	private final ServiceInstances instances;

	private final ServiceWatch watch;

	private final String weightKey;

	private final ExecutorService reads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "health-grpc-discovery");
		thread.setDaemon(true);
		return thread;
	});

	// per service name, the live resolvers: each leaves when it shuts down
	private final Map<String, Set<DiscoveryNameResolver>> resolvers = new ConcurrentHashMap<>();

	/**
	 * Create the provider.
	 * @param instances lists a service's instances
	 * @param watch reports changes of a service's instances
	 * @param weightKey the metadata key of an instance's weight
	 */
	public DiscoveryNameResolverProvider(ServiceInstances instances, ServiceWatch watch, String weightKey) {
		Assert.notNull(instances, "'instances' must not be null");
		Assert.notNull(watch, "'watch' must not be null");
		Assert.hasText(weightKey, "'weightKey' must not be empty");
		this.instances = instances;
		this.watch = watch;
		this.weightKey = weightKey;
	}

	@Override
	public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
		if (!SCHEME.equals(targetUri.getScheme())) {
			return null;
		}
		String path = targetUri.getPath();
		if (path == null || path.length() <= 1 || !path.startsWith("/") || path.indexOf('/', 1) >= 0) {
			throw new IllegalArgumentException(
					"Expected a target of the form discovery:///<service-name>, not '" + targetUri + "'");
		}
		String service = path.substring(1);
		DiscoveryNameResolver resolver = new DiscoveryNameResolver(service, this.instances, this.weightKey,
				args.getSynchronizationContext(), this.reads, this::forget);
		// one atomic step per name, as in forget(): the first in starts the watch
		this.resolvers.compute(service, (name, known) -> {
			Set<DiscoveryNameResolver> set = (known != null) ? known : ConcurrentHashMap.newKeySet();
			if (set.isEmpty()) {
				this.watch.watch(name, () -> refresh(name));
			}
			set.add(resolver);
			return set;
		});
		return resolver;
	}

	/**
	 * Resolve every target again (a discovery heartbeat whose value changed).
	 */
	public void refreshAll() {
		this.resolvers.values().forEach((set) -> set.forEach(DiscoveryNameResolver::refreshFromOutside));
	}

	/**
	 * Return how many resolvers are live, per service.
	 * @return service name to live resolvers
	 */
	public Map<String, Integer> liveResolvers() {
		Map<String, Integer> live = new java.util.TreeMap<>();
		this.resolvers.forEach((service, set) -> live.put(service, set.size()));
		return live;
	}

	private void refresh(String service) {
		Set<DiscoveryNameResolver> set = this.resolvers.get(service);
		if (set != null) {
			set.forEach(DiscoveryNameResolver::refreshFromOutside);
		}
	}

	private void forget(DiscoveryNameResolver resolver) {
		this.resolvers.computeIfPresent(resolver.service(), (name, set) -> {
			set.remove(resolver);
			if (set.isEmpty()) {
				this.watch.unwatch(name);
				return null;
			}
			return set;
		});
	}

	@Override
	public String getDefaultScheme() {
		return SCHEME;
	}

	@Override
	protected boolean isAvailable() {
		return true;
	}

	@Override
	protected int priority() {
		return PRIORITY;
	}

	@Override
	public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
		return List.of(InetSocketAddress.class);
	}

	/**
	 * Stop every watch and the reading threads.
	 */
	@Override
	public void close() {
		List.copyOf(this.resolvers.keySet()).forEach(this.watch::unwatch);
		this.resolvers.clear();
		this.reads.shutdownNow();
	}

}
