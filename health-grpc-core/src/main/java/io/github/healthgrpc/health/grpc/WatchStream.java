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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.health.HealthStatusListener;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.v1.HealthCheckResponse;
import io.grpc.stub.ServerCallStreamObserver;

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
 * @author health-grpc authors
 */
final class WatchStream implements HealthStatusListener {

	private final String service;

	private final boolean listening;

	private final HealthStatusRegistry registry;

	private final ServerCallStreamObserver<HealthCheckResponse> observer;

	private final Runnable onEnd;

	private final AtomicInteger pendingSends = new AtomicInteger();

	private final AtomicBoolean ended = new AtomicBoolean();

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private volatile boolean closing;

	// only touched while holding the pendingSends "lock"
	private HealthCheckResponse lastSent;

	WatchStream(String service, HealthStatusRegistry registry, ServerCallStreamObserver<HealthCheckResponse> observer,
			Runnable onEnd) {
		// a name longer than any registrable one can never become known: don't keep it,
		// just answer it, and hear only the close
		this.listening = service.length() <= HealthStatusRegistry.MAX_SERVICE_NAME_LENGTH;
		this.service = this.listening ? service : "";
		this.registry = registry;
		this.observer = observer;
		this.onEnd = onEnd;
	}

	void start() {
		this.observer.setOnCancelHandler(() -> {
			if (this.ended.compareAndSet(false, true)) {
				release();
			}
		});
		this.observer.setOnReadyHandler(this::signal);
		if (this.listening) {
			this.registry.addListener(this.service, this);
		}
		else {
			this.registry.addCloseListener(this);
		}
		signal();
	}

	@Override
	public void statusChanged(String service) {
		signal();
	}

	@Override
	public CompletionStage<?> registryClosed() {
		this.closing = true;
		signal();
		return this.finished;
	}

	private void signal() {
		if (this.pendingSends.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			sendLatest();
			missed = this.pendingSends.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void sendLatest() {
		boolean completing = this.closing;
		if (this.ended.get() || (!completing && !this.observer.isReady())) {
			return;
		}
		HealthCheckResponse next = HealthResponses
			.forWatch(this.listening ? this.registry.getStatus(this.service) : null);
		if (completing && this.ended.compareAndSet(false, true)) {
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
		if (this.listening) {
			this.registry.removeListener(this.service, this);
		}
		else {
			this.registry.removeCloseListener(this);
		}
		this.onEnd.run();
		this.finished.complete(null);
	}

}
