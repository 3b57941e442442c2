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

package io.github.healthgrpc.health;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fans status changes out to {@link HealthStatusListener listeners} on an executor, so
 * that whoever sets a status never waits for listeners, however many there are.
 *
 * <p>
 * Changes are coalesced: a service that changes several times while a fan-out is running
 * is reported once more, not once per change. At most one fan-out task runs at a time (a
 * work-in-progress counter), so listeners are called from one thread at a time, in order.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class StatusChangeNotifier {

	private static final Log logger = LogFactory.getLog(StatusChangeNotifier.class);

	private final Executor executor;

	private final Map<String, Set<HealthStatusListener>> listeners = new ConcurrentHashMap<>();

	private final Set<String> changed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger pendingRuns = new AtomicInteger();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private volatile boolean closing;

	StatusChangeNotifier(Executor executor) {
		this.executor = executor;
	}

	void add(String service, HealthStatusListener listener) {
		this.listeners.computeIfAbsent(service, (key) -> ConcurrentHashMap.newKeySet()).add(listener);
		if (this.closing) {
			// registered after close: the fan-out may have passed already, so tell it
			// again
			scheduleRun();
		}
	}

	void remove(String service, HealthStatusListener listener) {
		this.listeners.computeIfPresent(service, (key, set) -> (set.remove(listener) && set.isEmpty()) ? null : set);
	}

	int listenerCount() {
		return this.listeners.values().stream().mapToInt(Set::size).sum();
	}

	void changed(String service) {
		this.changed.add(service);
		scheduleRun();
	}

	CompletableFuture<Void> close() {
		this.closing = true;
		scheduleRun();
		return this.closed;
	}

	private void scheduleRun() {
		if (this.pendingRuns.getAndIncrement() == 0) {
			try {
				this.executor.execute(this::run);
			}
			catch (RuntimeException ex) {
				// executor shut down: nobody is left to notify
				this.pendingRuns.set(0);
				this.closed.complete(null);
			}
		}
	}

	private void run() {
		int missed = 1;
		do {
			for (String service : this.changed) {
				this.changed.remove(service);
				notifyChanged(service);
			}
			if (this.closing) {
				notifyClosed();
			}
			missed = this.pendingRuns.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void notifyChanged(String service) {
		Set<HealthStatusListener> targets = this.listeners.get(service);
		if (targets != null) {
			for (HealthStatusListener listener : targets) {
				try {
					listener.statusChanged(service);
				}
				catch (RuntimeException ex) {
					logger.warn("Health status listener failed for service '" + service + "'", ex);
				}
			}
		}
	}

	private void notifyClosed() {
		for (Set<HealthStatusListener> targets : this.listeners.values()) {
			for (HealthStatusListener listener : targets) {
				// told once: nothing changes after close, so a told listener has nothing
				// left to hear
				targets.remove(listener);
				try {
					listener.registryClosed();
				}
				catch (RuntimeException ex) {
					logger.warn("Health status listener failed on close", ex);
				}
			}
		}
		this.closed.complete(null);
	}

}
