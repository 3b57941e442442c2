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

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;

/**
 * Resolves {@code discovery:///<service>} to the instances a discovery client lists.
 *
 * <p>
 * One read at a time: a refresh asked for while a read runs (a health watch's change, a
 * heartbeat, the channel's own retry) is never lost, and never starts a second read: it
 * marks the resolver pending, and the read that finishes reads again. A read that fails,
 * or finds no instance, is reported to the channel as UNAVAILABLE (which retries with
 * backoff); the channel hears a list only when it differs from the last one it heard
 * (hosts, ports and weights).
 *
 * <p>
 * Thread-safe: its state is confined to the channel's synchronization context.
 *
 * @author health-grpc authors
 */
final class DiscoveryNameResolver extends NameResolver {

	private final String service;

	private final ServiceInstances instances;

	private final InstanceAddresses addresses;

	private final SynchronizationContext syncContext;

	private final Executor executor;

	private final Consumer<DiscoveryNameResolver> onShutdown;

	// confined to syncContext
	private Listener2 listener;

	// confined to syncContext
	private boolean shutdown;

	// confined to syncContext: a read runs
	private boolean reading;

	// confined to syncContext: a refresh came while a read ran
	private boolean pending;

	// confined to syncContext: what the channel heard last
	private List<EquivalentAddressGroup> heard;

	DiscoveryNameResolver(String service, ServiceInstances instances, String weightKey,
			SynchronizationContext syncContext, Executor executor, Consumer<DiscoveryNameResolver> onShutdown) {
		this.service = service;
		this.instances = instances;
		this.addresses = new InstanceAddresses(service, weightKey);
		this.syncContext = syncContext;
		this.executor = executor;
		this.onShutdown = onShutdown;
	}

	String service() {
		return this.service;
	}

	@Override
	public String getServiceAuthority() {
		return this.service;
	}

	@Override
	public void start(Listener2 listener) {
		this.listener = listener;
		resolve();
	}

	@Override
	public void refresh() {
		resolve();
	}

	/**
	 * Resolve again, now or once the read under way has finished; from any thread.
	 */
	void refreshFromOutside() {
		this.syncContext.execute(this::resolve);
	}

	@Override
	public void shutdown() {
		if (!this.shutdown) {
			this.shutdown = true;
			this.listener = null;
			this.onShutdown.accept(this);
		}
	}

	private void resolve() {
		if (this.listener == null) {
			// not started, or shut down
			return;
		}
		if (this.reading) {
			this.pending = true;
			return;
		}
		this.reading = true;
		this.pending = false;
		try {
			this.executor.execute(this::read);
		}
		catch (RuntimeException ex) {
			this.reading = false;
			this.listener.onError(
					Status.UNAVAILABLE.withDescription("Could not list the instances of '" + this.service + "': " + ex)
						.withCause(ex));
		}
	}

	// on the reading thread: the discovery client and any name lookups block
	private void read() {
		List<EquivalentAddressGroup> found;
		try {
			List<DiscoveredInstance> listed = this.instances.instances(this.service);
			found = this.addresses.of((listed != null) ? listed : List.of());
		}
		catch (Throwable ex) {
			this.syncContext.execute(() -> finished(null, ex));
			return;
		}
		this.syncContext.execute(() -> finished(found, null));
	}

	private void finished(List<EquivalentAddressGroup> found, Throwable failure) {
		this.reading = false;
		if (this.listener == null) {
			return;
		}
		if (failure != null) {
			this.heard = null;
			this.listener
				.onError(Status.UNAVAILABLE.withDescription("Could not list the instances of '" + this.service + "'")
					.withCause(failure));
		}
		else {
			publish(found);
		}
		if (this.pending) {
			resolve();
		}
	}

	private void publish(List<EquivalentAddressGroup> groups) {
		if (groups.isEmpty()) {
			this.heard = null;
			this.listener.onError(
					Status.UNAVAILABLE.withDescription("No passing instance of '" + this.service + "' in discovery"));
			return;
		}
		if (groups.equals(this.heard)) {
			return;
		}
		this.heard = groups;
		this.listener.onResult2(ResolutionResult.newBuilder().setAddressesOrError(StatusOr.fromValue(groups)).build());
	}

	@Override
	public String toString() {
		return "DiscoveryNameResolver[" + this.service + "]";
	}

}
