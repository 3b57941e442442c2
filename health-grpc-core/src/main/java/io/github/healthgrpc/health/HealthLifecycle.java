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

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Moves the health statuses through the application's life: tracks the services of a
 * started server, follows readiness, and shuts down in the one order that lets every
 * consumer notice: all services NOT_SERVING first, then a drain delay (Consul checks,
 * Kubernetes probes and client-side health checking see NOT_SERVING while the server
 * still answers), then every Watch stream completed, and only then the server stops.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthLifecycle {

	private static final Log logger = LogFactory.getLog(HealthLifecycle.class);

	private static final Duration LISTENER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final HealthStatusRegistry registry;

	private final HealthStatusUpdater updater;

	private final boolean waitForReadiness;

	private final Duration drainDelay;

	private final Pause pause;

	private volatile boolean serverRunning;

	// whether any consumer could have seen a status served: only then is a drain worth
	// its delay
	private volatile boolean served;

	/**
	 * Create the lifecycle.
	 * @param registry the statuses to move
	 * @param updater the updater that tracks the server's services
	 * @param waitForReadiness whether services stay NOT_SERVING until readiness is
	 * ACCEPTING_TRAFFIC
	 * @param drainDelay how long to report NOT_SERVING before Watch streams are completed
	 */
	public HealthLifecycle(HealthStatusRegistry registry, HealthStatusUpdater updater, boolean waitForReadiness,
			Duration drainDelay) {
		this(registry, updater, waitForReadiness, drainDelay, (duration) -> Thread.sleep(duration.toMillis()));
	}

	HealthLifecycle(HealthStatusRegistry registry, HealthStatusUpdater updater, boolean waitForReadiness,
			Duration drainDelay, Pause pause) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(updater, "'updater' must not be null");
		Assert.isTrue(!drainDelay.isNegative(), "'drainDelay' must not be negative");
		this.registry = registry;
		this.updater = updater;
		this.waitForReadiness = waitForReadiness;
		this.drainDelay = drainDelay;
		this.pause = pause;
	}

	/**
	 * The gRPC server started with these services: give each a status.
	 * @param services the names of the services the server registered
	 */
	public void serverStarted(Collection<String> services) {
		this.serverRunning = true;
		this.registry.resume();
		this.updater.track(services);
		if (!this.waitForReadiness) {
			this.registry.setAcceptingTraffic(true);
		}
		noteServed();
	}

	/**
	 * The application's readiness changed (Spring Boot's {@code ReadinessState}).
	 * @param acceptingTraffic whether it is now {@code ACCEPTING_TRAFFIC}
	 */
	public void readinessChanged(boolean acceptingTraffic) {
		this.registry.setAcceptingTraffic(acceptingTraffic);
		noteServed();
	}

	/**
	 * The application context is closing, before any lifecycle bean stops: flip, drain,
	 * complete Watch. The drain is skipped where it serves nobody: when the server is not
	 * running, or nothing was ever served (a startup that failed before readiness).
	 */
	public void contextClosing() {
		if (!this.registry.enterTerminalState() || !this.serverRunning || !this.served) {
			closeListeners();
			return;
		}
		if (!this.drainDelay.isZero()) {
			logger.info("gRPC health is NOT_SERVING; draining for " + this.drainDelay.toMillis()
					+ " ms before the gRPC server stops (health-grpc.health.lifecycle.drain-delay)");
			try {
				this.pause.pause(this.drainDelay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		closeListeners();
	}

	/**
	 * The server is stopping (also when it is stopped without closing the context):
	 * NOT_SERVING, and complete Watch streams so that they do not hold the server's
	 * graceful shutdown. A later {@link #serverStarted} serves again.
	 */
	public void serverStopping() {
		this.serverRunning = false;
		this.registry.pause();
		closeListeners();
	}

	private void noteServed() {
		// both callers write their own fact before they read the other's: one of two
		// racing callers sees both
		if (this.serverRunning && this.registry.isAcceptingTraffic()) {
			this.served = true;
		}
	}

	private void closeListeners() {
		try {
			this.registry.closeListeners().get(LISTENER_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Health Watch streams were not all completed before the gRPC server stops", ex);
		}
	}

	@FunctionalInterface
	interface Pause {

		void pause(Duration duration) throws InterruptedException;

	}

}
