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

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.NameResolver;
import io.grpc.SynchronizationContext;

import org.springframework.lang.Nullable;

/**
 * Makes sure a refresh asked for while a resolve is running is not lost. net.devh's
 * resolver drops a refresh that arrives while it resolves, and the resolve under way may
 * have read the instances before the change: so a refresh marks itself pending, a resolve
 * clears the mark just before it reads the instances, and when a resolve has finished (in
 * the synchronization context, after net.devh has marked it done) a mark still there
 * resolves once more. No timer: a discovery that answers slowly only delays the
 * follow-up.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class PendingRefresh implements Executor {

	private final Executor delegate;

	private final SynchronizationContext syncContext;

	private final AtomicBoolean pending = new AtomicBoolean();

	private volatile Runnable refresh;

	// set once, in of(), before this is shared: the arguments refer to this
	private NameResolver.Args args;

	private PendingRefresh(Executor delegate, SynchronizationContext syncContext) {
		this.delegate = delegate;
		this.syncContext = syncContext;
	}

	/**
	 * Return a follow-up for a resolver, or {@code null} when its arguments cannot carry
	 * one: no executor to wrap, or not all that a channel gives (copying them needs all).
	 * @param args the resolver's arguments
	 * @return the follow-up, or {@code null}
	 */
	@Nullable
	static PendingRefresh of(NameResolver.Args args) {
		Executor offload = args.getOffloadExecutor();
		if (offload == null) {
			return null;
		}
		PendingRefresh pending = new PendingRefresh(offload, args.getSynchronizationContext());
		try {
			pending.args = args.toBuilder().setOffloadExecutor(pending).build();
		}
		catch (RuntimeException ex) {
			return null;
		}
		return pending;
	}

	/**
	 * Return the arguments that make the resolver run its resolves here.
	 * @return the resolver's arguments with this as the offload executor
	 */
	NameResolver.Args args() {
		return this.args;
	}

	/**
	 * Set how to resolve again.
	 * @param refresh a refresh that is safe from any thread, at any time
	 */
	void resolveWith(Runnable refresh) {
		this.refresh = refresh;
	}

	/**
	 * A refresh was asked for.
	 */
	void requested() {
		this.pending.set(true);
	}

	/**
	 * A resolve reads the instances now: what was asked for so far is seen.
	 */
	void reading() {
		this.pending.set(false);
	}

	@Override
	public void execute(Runnable resolve) {
		this.delegate.execute(() -> {
			try {
				resolve.run();
			}
			finally {
				// queued after net.devh's own end-of-resolve step: it runs once the
				// resolver is ready to resolve again
				this.syncContext.execute(this::followUp);
			}
		});
	}

	private void followUp() {
		Runnable refresh = this.refresh;
		if (this.pending.get() && refresh != null) {
			refresh.run();
		}
	}

}
