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

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * The serving statuses that the gRPC Health service reports: one per service name,
 * {@code ""} being the overall status.
 *
 * <p>
 * A service's effective status is the status that application code set with
 * {@link #setStatus}, else the one that health-grpc evaluated (from Actuator, or SERVING
 * without it). While the registry is not accepting traffic (before readiness, on
 * {@code REFUSING_TRAFFIC}), while it is {@link #pause() paused} (the server stopped) and
 * after {@link #enterTerminalState()}, every known service reports
 * {@link ServingStatus#NOT_SERVING}.
 *
 * <p>
 * Thread-safe. Reads never lock; writes take one short lock and hand notification to the
 * notifier executor, so setting a status never waits for listeners (Watch streams),
 * however many there are.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthStatusRegistry {

	/**
	 * Service name of the server's overall status.
	 */
	public static final String OVERALL = "";

	/**
	 * Longest service name that can hold a status; longer names are rejected.
	 */
	public static final int MAX_SERVICE_NAME_LENGTH = 1024;

	private final Object lock = new Object();

	// guarded by lock
	private final Map<String, ServingStatus> evaluated = new HashMap<>();

	// guarded by lock
	private final Map<String, ServingStatus> overrides = new HashMap<>();

	// guarded by lock
	private boolean acceptingTraffic;

	// guarded by lock
	private boolean paused;

	// guarded by lock
	private boolean terminal;

	// written under lock, read without it
	private final Map<String, ServingStatus> effective = new ConcurrentHashMap<>();

	private final StatusChangeNotifier notifier;

	@Nullable
	private final ExecutorService ownedExecutor;

	/**
	 * Create a registry that is not yet accepting traffic.
	 * @param notifierExecutor executor on which listeners are notified
	 */
	public HealthStatusRegistry(Executor notifierExecutor) {
		this(notifierExecutor, false);
	}

	/**
	 * Create a registry.
	 * @param notifierExecutor executor on which listeners are notified
	 * @param acceptingTraffic whether known services may report their status from the
	 * start
	 */
	public HealthStatusRegistry(Executor notifierExecutor, boolean acceptingTraffic) {
		Assert.notNull(notifierExecutor, "'notifierExecutor' must not be null");
		this.notifier = new StatusChangeNotifier(notifierExecutor);
		this.acceptingTraffic = acceptingTraffic;
		this.ownedExecutor = (notifierExecutor instanceof NotifierThread owned) ? owned : null;
	}

	/**
	 * Create a registry with its own notifier thread (a daemon thread that ends when
	 * idle), released by {@link #close()}.
	 * @param acceptingTraffic whether known services may report their status from the
	 * start
	 * @return the registry
	 */
	public static HealthStatusRegistry withOwnNotifier(boolean acceptingTraffic) {
		return new HealthStatusRegistry(new NotifierThread(), acceptingTraffic);
	}

	/**
	 * Release the notifier thread if this registry created it.
	 */
	public void close() {
		if (this.ownedExecutor != null) {
			this.ownedExecutor.shutdown();
		}
	}

	/**
	 * Return the effective status of a service.
	 * @param service the service name
	 * @return the status, or {@code null} when the service is unknown
	 */
	@Nullable
	public ServingStatus getStatus(String service) {
		return this.effective.get(service);
	}

	/**
	 * Return a copy of every known service's effective status. Not atomic across
	 * services.
	 * @return service name to status
	 */
	public Map<String, ServingStatus> snapshot() {
		return Map.copyOf(this.effective);
	}

	/**
	 * Set a service's status from application code. It takes precedence over the
	 * evaluated status of the same name until {@link #clearStatus(String)}. Ignored after
	 * {@link #enterTerminalState()}.
	 * @param service the service name ({@code ""} for overall)
	 * @param status the status
	 */
	public void setStatus(String service, ServingStatus status) {
		update(service, status, this.overrides);
	}

	/**
	 * Remove a status set with {@link #setStatus}. The service reverts to its evaluated
	 * status, or becomes unknown if nothing evaluates it.
	 * @param service the service name
	 */
	public void clearStatus(String service) {
		update(service, null, this.overrides);
	}

	/**
	 * Set the status that health-grpc evaluated for a service (the updaters call this).
	 * @param service the service name
	 * @param status the status
	 */
	public void setEvaluatedStatus(String service, ServingStatus status) {
		update(service, status, this.evaluated);
	}

	/**
	 * Remove an evaluated status.
	 * @param service the service name
	 */
	public void removeEvaluatedStatus(String service) {
		update(service, null, this.evaluated);
	}

	/**
	 * Open or close the gate: while closed, every known service reports NOT_SERVING.
	 * @param acceptingTraffic whether the application accepts traffic
	 */
	public void setAcceptingTraffic(boolean acceptingTraffic) {
		synchronized (this.lock) {
			if (this.terminal || this.acceptingTraffic == acceptingTraffic) {
				return;
			}
			this.acceptingTraffic = acceptingTraffic;
			recomputeAll();
		}
	}

	/**
	 * Turn every known service NOT_SERVING until {@link #resume()}: the server stopped
	 * while the application goes on. Close the listeners separately.
	 */
	public void pause() {
		synchronized (this.lock) {
			if (this.terminal || this.paused) {
				return;
			}
			this.paused = true;
			recomputeAll();
		}
	}

	/**
	 * Undo {@link #pause()} and keep listeners again after {@link #closeListeners()}: the
	 * server started (again). Ignored after {@link #enterTerminalState()}.
	 */
	public void resume() {
		synchronized (this.lock) {
			if (this.terminal) {
				return;
			}
			this.notifier.reopen();
			if (this.paused) {
				this.paused = false;
				recomputeAll();
			}
		}
	}

	/**
	 * Turn every known service NOT_SERVING for good: later updates are ignored.
	 * @return {@code true} on the first call, {@code false} if already terminal
	 */
	public boolean enterTerminalState() {
		synchronized (this.lock) {
			if (this.terminal) {
				return false;
			}
			this.terminal = true;
			recomputeAll();
			return true;
		}
	}

	/**
	 * Return whether {@link #enterTerminalState()} was called.
	 * @return whether the registry is terminal
	 */
	public boolean isTerminal() {
		synchronized (this.lock) {
			return this.terminal;
		}
	}

	/**
	 * Return whether the gate is open.
	 * @return whether known services may report their own status
	 */
	public boolean isAcceptingTraffic() {
		synchronized (this.lock) {
			return this.acceptingTraffic && !this.paused && !this.terminal;
		}
	}

	/**
	 * Register a listener for one service's changes.
	 * @param service the service name
	 * @param listener the listener
	 * @return the name as the registry keeps it: equal to {@code service}, and the same
	 * instance for every listener added while the service has listeners. A listener that
	 * lives long (such as a Watch stream) should keep it instead of its own copy, so that
	 * the copy can be collected.
	 */
	public String addListener(String service, HealthStatusListener listener) {
		Assert.notNull(service, "'service' must not be null");
		return this.notifier.add(service, listener);
	}

	/**
	 * Register a listener for the changes of every service, those not known yet included,
	 * such as one that follows services as they come and go. Unlike the listeners of one
	 * service, it stays registered when the registry closes its listeners: it hears
	 * {@link HealthStatusListener#registryClosed()}, and the changes that follow
	 * {@link #resume()}.
	 * @param listener the listener
	 */
	public void addListener(HealthStatusListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.notifier.addForEveryName(listener);
	}

	/**
	 * Remove a listener added with {@link #addListener(HealthStatusListener)}.
	 * @param listener the listener
	 */
	public void removeListener(HealthStatusListener listener) {
		this.notifier.removeForEveryName(listener);
	}

	/**
	 * Remove a listener.
	 * @param service the service name it was registered for
	 * @param listener the listener
	 */
	public void removeListener(String service, HealthStatusListener listener) {
		this.notifier.remove(service, listener);
	}

	/**
	 * Register a listener that hears only {@link #closeListeners()}, for example the
	 * Watch stream of a name too long to ever hold a status (the name need not be kept).
	 * @param listener the listener
	 */
	public void addCloseListener(HealthStatusListener listener) {
		this.notifier.addCloseOnly(listener);
	}

	/**
	 * Remove a listener added with {@link #addCloseListener}.
	 * @param listener the listener
	 */
	public void removeCloseListener(HealthStatusListener listener) {
		this.notifier.remove(null, listener);
	}

	/**
	 * Return the number of registered listeners.
	 * @return the listener count
	 */
	public int getListenerCount() {
		return this.notifier.listenerCount();
	}

	/**
	 * Tell every listener, after the pending changes, that the registry is closed;
	 * listeners added later are told at once, until {@link #resume()}.
	 * @return a future that completes when every listener told has finished (every Watch
	 * stream completed)
	 */
	public CompletableFuture<Void> closeListeners() {
		return this.notifier.close();
	}

	private void update(String service, @Nullable ServingStatus status, Map<String, ServingStatus> layer) {
		Assert.notNull(service, "'service' must not be null");
		Assert.isTrue(service.length() <= MAX_SERVICE_NAME_LENGTH,
				() -> "'service' must not be longer than " + MAX_SERVICE_NAME_LENGTH + " characters");
		synchronized (this.lock) {
			if (this.terminal) {
				return;
			}
			if (status != null) {
				layer.put(service, status);
			}
			else {
				layer.remove(service);
			}
			recompute(service);
		}
	}

	private void recomputeAll() {
		Set<String> names = Stream.concat(this.evaluated.keySet().stream(), this.overrides.keySet().stream())
			.collect(Collectors.toSet());
		names.forEach(this::recompute);
	}

	private void recompute(String service) {
		ServingStatus next = effectiveStatus(service);
		ServingStatus previous = (next != null) ? this.effective.put(service, next) : this.effective.remove(service);
		if (previous != next) {
			this.notifier.changed(service);
		}
	}

	@Nullable
	private ServingStatus effectiveStatus(String service) {
		ServingStatus own = this.overrides.getOrDefault(service, this.evaluated.get(service));
		if (own == null) {
			return null;
		}
		return (this.terminal || this.paused || !this.acceptingTraffic) ? ServingStatus.NOT_SERVING : own;
	}

	/**
	 * One daemon thread that ends after a minute without work.
	 */
	private static final class NotifierThread extends ThreadPoolExecutor {

		NotifierThread() {
			super(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
				Thread thread = new Thread(task, "health-grpc-notifier");
				thread.setDaemon(true);
				return thread;
			});
			allowCoreThreadTimeOut(true);
		}

	}

}
