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

package io.github.healthgrpc.autoconfigure.springgrpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.github.healthgrpc.client.discovery.DiscoveryNameResolverProvider;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;

/**
 * The one {@code discovery} provider in grpc-java's JVM-wide registry, handing each
 * target to the resolver of the application that started last and is still running.
 * grpc-java's registry keeps the first of equal providers: without this, in a JVM that
 * runs several applications (a test suite's cached contexts), the first one's discovery
 * client would serve every later application's channels, and go on after it closed.
 *
 * @author health-grpc authors
 */
final class DiscoveryResolverSwitch extends NameResolverProvider {

	static final DiscoveryResolverSwitch INSTANCE = new DiscoveryResolverSwitch();

	private final Deque<DiscoveryNameResolverProvider> live = new ConcurrentLinkedDeque<>();

	// guarded by this
	private boolean registered;

	private DiscoveryResolverSwitch() {
	}

	synchronized void add(DiscoveryNameResolverProvider provider) {
		this.live.addLast(provider);
		if (!this.registered) {
			NameResolverRegistry.getDefaultRegistry().register(this);
			this.registered = true;
		}
	}

	synchronized void remove(DiscoveryNameResolverProvider provider) {
		this.live.remove(provider);
		if (this.live.isEmpty() && this.registered) {
			NameResolverRegistry.getDefaultRegistry().deregister(this);
			this.registered = false;
		}
	}

	@Override
	public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
		DiscoveryNameResolverProvider current = this.live.peekLast();
		return (current != null) ? current.newNameResolver(targetUri, args) : null;
	}

	@Override
	public String getDefaultScheme() {
		return DiscoveryNameResolverProvider.SCHEME;
	}

	@Override
	protected boolean isAvailable() {
		return true;
	}

	@Override
	protected int priority() {
		return DiscoveryNameResolverProvider.PRIORITY;
	}

	@Override
	public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
		return List.of(InetSocketAddress.class);
	}

}
