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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.lang.Nullable;

/**
 * Fans status changes out to {@link HealthStatusListener listeners} on an executor, so
 * that whoever sets a status never waits for listeners, however many there are.
 *
 * <p>
 * Changes are coalesced: a service that changes several times while a fan-out is running
 * is reported once more, not once per change. At most one fan-out task runs at a time (a
 * work-in-progress counter), so listeners are called from one thread at a time, in order.
 * Whatever a listener throws, {@link Error}s included, is logged and the fan-out goes on.
 *
 * <p>
 * {@link #close()} tells every listener that no change follows and completes once each of
 * them has finished; listeners added while closed are told at once. {@link #reopen()}
 * accepts listeners again (the server started again).
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class StatusChangeNotifier {

	private static final Log logger = LogFactory.getLog(StatusChangeNotifier.class);

	private final Executor executor;

	// a name's entry is created and dropped only inside the map's atomic compute steps
	private final Map<String, NameListeners> listeners = new ConcurrentHashMap<>();

	// listeners of names that can never hold a status: they only hear the close
	private final Set<HealthStatusListener> closeOnly = ConcurrentHashMap.newKeySet();

	// listeners of every name; the close does not remove them
	private final Set<HealthStatusListener> everyName = ConcurrentHashMap.newKeySet();

	private final Set<String> changed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger pendingRuns = new AtomicInteger();

	// what listeners told of the close still have to finish; touched only by the fan-out
	private final List<CompletableFuture<?>> finishing = new ArrayList<>();

	private volatile CompletableFuture<Void> closed = new CompletableFuture<>();

	private volatile boolean closing;

	StatusChangeNotifier(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Add a listener of one name's changes.
	 * @param service the service name
	 * @param listener the listener
	 * @return the name as kept: equal to {@code service}, and the same instance for every
	 * listener added while the name has listeners
	 */
	String add(String service, HealthStatusListener listener) {
		String kept = this.listeners.compute(service, (key, targets) -> {
			NameListeners named = (targets != null) ? targets : new NameListeners(key);
			named.listeners.add(listener);
			return named;
		}).name;
		rescheduleIfClosing();
		return kept;
	}

	/**
	 * Add a listener of a name that can never hold a status: it only hears the close.
	 * @param listener the listener
	 */
	void addCloseOnly(HealthStatusListener listener) {
		this.closeOnly.add(listener);
		rescheduleIfClosing();
	}

	private void rescheduleIfClosing() {
		if (this.closing) {
			// added after close: the fan-out may have passed already, so tell it again
			scheduleRun();
		}
	}

	/**
	 * Add a listener of every name's changes, kept until removed: it hears the close, and
	 * the changes after {@link #reopen()}.
	 * @param listener the listener
	 */
	void addForEveryName(HealthStatusListener listener) {
		this.everyName.add(listener);
	}

	void removeForEveryName(HealthStatusListener listener) {
		this.everyName.remove(listener);
	}

	void remove(@Nullable String service, HealthStatusListener listener) {
		if (service == null) {
			this.closeOnly.remove(listener);
		}
		else {
			this.listeners.computeIfPresent(service,
					(key, named) -> (named.listeners.remove(listener) && named.listeners.isEmpty()) ? null : named);
		}
	}

	boolean isListening(@Nullable String service, HealthStatusListener listener) {
		if (service == null) {
			return this.closeOnly.contains(listener);
		}
		NameListeners targets = this.listeners.get(service);
		return targets != null && targets.listeners.contains(listener);
	}

	/**
	 * Return how many names have listeners: a name whose last listener left is dropped.
	 */
	int listenedNames() {
		return this.listeners.size();
	}

	int listenerCount() {
		return this.listeners.values().stream().mapToInt((named) -> named.listeners.size()).sum()
				+ this.closeOnly.size() + this.everyName.size();
	}

	void changed(String service) {
		this.changed.add(service);
		scheduleRun();
	}

	/**
	 * Tell every listener, after the pending changes, that no change follows.
	 * @return a future that completes when every listener told has finished
	 */
	CompletableFuture<Void> close() {
		CompletableFuture<Void> result = this.closed;
		this.closing = true;
		scheduleRun();
		return result;
	}

	/**
	 * Keep listeners again after a {@link #close()}.
	 */
	void reopen() {
		if (this.closing) {
			this.closed = new CompletableFuture<>();
			this.closing = false;
		}
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
		NameListeners targets = this.listeners.get(service);
		if (targets != null) {
			notifyChanged(service, targets.listeners);
		}
		notifyChanged(service, this.everyName);
	}

	private static void notifyChanged(String service, Set<HealthStatusListener> targets) {
		for (HealthStatusListener listener : targets) {
			try {
				listener.statusChanged(service);
			}
			catch (Throwable ex) {
				// a listener's bug, whatever it is, must not end the fan-out for all
				logger.warn("Health status listener failed for service '" + service + "'", ex);
			}
		}
	}

	private void notifyClosed() {
		CompletableFuture<Void> result = this.closed;
		// told once: nothing changes after close, so a told listener has nothing left to
		// hear
		this.listeners.forEach((service, targets) -> targets.listeners.forEach((listener) -> {
			remove(service, listener);
			tellClosed(listener);
		}));
		this.closeOnly.forEach((listener) -> {
			this.closeOnly.remove(listener);
			tellClosed(listener);
		});
		this.everyName.forEach(this::tellClosed);
		CompletableFuture<?>[] pending = this.finishing.toArray(CompletableFuture[]::new);
		this.finishing.clear();
		CompletableFuture.allOf(pending).whenComplete((done, ex) -> result.complete(null));
	}

	private void tellClosed(HealthStatusListener listener) {
		try {
			CompletionStage<?> finished = listener.registryClosed();
			if (finished != null) {
				this.finishing.add(finished.toCompletableFuture());
			}
		}
		catch (Throwable ex) {
			logger.warn("Health status listener failed on close", ex);
		}
	}

	/**
	 * The listeners of one name, and the name itself as the first of them gave it: the
	 * same instance for all of them, so that listeners that keep it (a Watch stream per
	 * request) let the copies they were given be collected, about 50 B per stream.
	 */
	private static final class NameListeners {

		final String name;

		final Set<HealthStatusListener> listeners = ConcurrentHashMap.newKeySet();

		NameListeners(String name) {
			this.name = name;
		}

	}

}
