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

package io.github.healthgrpc.health.grpc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.healthgrpc.health.HealthStatusListener;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.v1.HealthCheckResponse;
import io.grpc.stub.ServerCallStreamObserver;

import org.springframework.lang.Nullable;

/**
 * One Health Watch call: sends the current status, then every change, and completes the
 * call when the registry closes its listeners.
 *
 * <p>
 * Sends are serialised by a work-in-progress counter, whichever thread asks (the call's,
 * the notifier's, the transport's on-ready callback). Each send reads the registry's
 * current status, so changes coalesce: a watcher whose transport is not ready is skipped
 * and catches up with the latest status when it is ready, instead of queueing every
 * change or stalling the watchers after it. The close is the exception: the last status
 * and the completion are sent at once, ready or not (the transport buffers two small
 * frames), so that no stream, read or not, holds the server's shutdown.
 *
 * <p>
 * A server holds up to tens of thousands of these for hours, so each keeps only what it
 * cannot share: its counter and flags are fields (updated through {@link VarHandle}s, not
 * atomic objects of their own), it is itself the call's on-ready and on-cancel handler,
 * and the future that tells the registry it has finished exists only once the registry
 * waits for it.
 *
 * @author health-grpc authors
 */
final class WatchStream implements HealthStatusListener, Runnable {

	private static final VarHandle PENDING_SENDS;

	private static final VarHandle ENDED;

	private static final VarHandle FINISHED;

	// the value of "finished" once the stream is released: nobody has to wait for it
	private static final CompletableFuture<Void> RELEASED = CompletableFuture.completedFuture(null);

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			PENDING_SENDS = lookup.findVarHandle(WatchStream.class, "pendingSends", int.class);
			ENDED = lookup.findVarHandle(WatchStream.class, "ended", boolean.class);
			FINISHED = lookup.findVarHandle(WatchStream.class, "finished", CompletableFuture.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// null for a name too long to ever hold a status: the stream hears only the close.
	// Once started, the registry's instance of the name, the same for every stream added
	// while the name has listeners, so that the request's copy is collected (about 50 B
	// per open stream, measured). Before that, that copy.
	@Nullable
	private volatile String service;

	private final Shared shared;

	private final ServerCallStreamObserver<HealthCheckResponse> observer;

	private volatile int pendingSends;

	private volatile boolean ended;

	private volatile boolean closing;

	// null until the registry waits for this stream or it is released, then RELEASED
	// or the registry's future
	@Nullable
	private volatile CompletableFuture<Void> finished;

	// only touched while holding the pendingSends "lock"
	@Nullable
	private HealthCheckResponse lastSent;

	WatchStream(String service, Shared shared, ServerCallStreamObserver<HealthCheckResponse> observer) {
		// a name longer than any registrable one can never become known: don't keep it,
		// just answer it, and hear only the close
		this.service = (service.length() <= HealthStatusRegistry.MAX_SERVICE_NAME_LENGTH) ? service : null;
		this.shared = shared;
		this.observer = observer;
	}

	void start() {
		// one handler for both: gRPC marks the call cancelled before it runs the cancel
		// handler, and never calls the on-ready handler of a cancelled call
		this.observer.setOnCancelHandler(this);
		this.observer.setOnReadyHandler(this);
		String requested = this.service;
		if (requested != null) {
			this.service = this.shared.registry.addListener(requested, this);
		}
		else {
			this.shared.registry.addCloseListener(this);
		}
		signal();
	}

	/**
	 * The call's on-ready and on-cancel handler.
	 */
	@Override
	public void run() {
		if (this.observer.isCancelled()) {
			if (ENDED.compareAndSet(this, false, true)) {
				release();
			}
		}
		else {
			signal();
		}
	}

	@Override
	public void statusChanged(String service) {
		signal();
	}

	@Override
	public CompletionStage<?> registryClosed() {
		CompletableFuture<Void> waiting = new CompletableFuture<>();
		// published before the close is signalled, so that the release it causes sees it
		Object earlier = FINISHED.compareAndExchange(this, null, waiting);
		if (earlier != null) {
			// released already (or closed twice): nothing new to wait for
			return (CompletableFuture<?>) earlier;
		}
		this.closing = true;
		signal();
		return waiting;
	}

	private void signal() {
		if ((int) PENDING_SENDS.getAndAdd(this, 1) != 0) {
			return;
		}
		int missed = 1;
		do {
			sendLatest();
			missed = (int) PENDING_SENDS.getAndAdd(this, -missed) - missed;
		}
		while (missed != 0);
	}

	private void sendLatest() {
		boolean completing = this.closing;
		if (this.ended || (!completing && !this.observer.isReady())) {
			return;
		}
		String name = this.service;
		HealthCheckResponse next = HealthResponses
			.forWatch((name != null) ? this.shared.registry.getStatus(name) : null);
		if (completing && ENDED.compareAndSet(this, false, true)) {
			try {
				if (next != this.lastSent) {
					this.observer.onNext(next);
				}
				this.observer.onCompleted();
			}
			finally {
				release();
			}
		}
		else if (!completing && next != this.lastSent) {
			this.lastSent = next;
			this.observer.onNext(next);
		}
	}

	private void release() {
		String name = this.service;
		if (name != null) {
			this.shared.registry.removeListener(name, this);
		}
		else {
			this.shared.registry.removeCloseListener(this);
		}
		this.shared.onEnd.run();
		Object waiting = FINISHED.getAndSet(this, RELEASED);
		if (waiting != null) {
			((CompletableFuture<?>) waiting).complete(null);
		}
	}

	/**
	 * What every Watch stream of one service shares: the registry it watches and what to
	 * run when a stream ends.
	 *
	 * @param registry the statuses to watch
	 * @param onEnd run once when a stream ends, however it ends
	 */
	record Shared(HealthStatusRegistry registry, Runnable onEnd) {

	}

}
