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

package io.github.healthgrpc.health.actuate;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.HealthStatusUpdater;
import io.github.healthgrpc.health.ServingStatus;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * {@link HealthStatusUpdater} that evaluates Actuator health contributors on a schedule
 * (never on the request path) and publishes each tracked service's status: its
 * {@link ServiceHealthBinding} aggregates the evaluation and a
 * {@link ServingStatusMapper} maps the result.
 *
 * <p>
 * Every tracked name is NOT_SERVING from the moment it is tracked until its first
 * evaluation, so a name never goes missing (Check NOT_FOUND, Watch SERVICE_UNKNOWN) while
 * the first round still runs. A name tracked after a round (the gRPC server's services,
 * once it started) takes its status from that round at once.
 *
 * <p>
 * Runs on its own scheduler thread from {@link #start()} until {@link #stop()};
 * {@link #close()} releases every thread. Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ActuatorHealthStatusUpdater implements HealthStatusUpdater, SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ActuatorHealthStatusUpdater.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	private static final int SETTLE_ATTEMPTS = 100;

	private static final long SETTLE_STEP_MILLIS = 10;

	private final HealthStatusRegistry registry;

	private final ContributorEvaluator evaluator;

	private final Function<String, ServiceHealthBinding> bindings;

	private final ServingStatusMapper mapper;

	private final Duration period;

	// guarded by this
	private final Set<String> tracked = new LinkedHashSet<>();

	// the latest round's results, for names tracked after it; guarded by this
	@Nullable
	private Map<String, String> lastEvaluation;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Create the updater; it tracks the overall status and the given services from the
	 * start.
	 * @param registry where statuses go
	 * @param evaluator evaluates the contributors
	 * @param bindings the binding of each service name
	 * @param mapper maps aggregated Actuator statuses to serving statuses
	 * @param period time between two evaluations
	 * @param services names to track from the start (for example configured ones no
	 * server registers)
	 */
	public ActuatorHealthStatusUpdater(HealthStatusRegistry registry, ContributorEvaluator evaluator,
			Function<String, ServiceHealthBinding> bindings, ServingStatusMapper mapper, Duration period,
			Collection<String> services) {
		Assert.isTrue((!period.isNegative() && !period.isZero()), "'period' must be positive");
		this.registry = registry;
		this.evaluator = evaluator;
		this.bindings = bindings;
		this.mapper = mapper;
		this.period = period;
		trackNew(List.of(HealthStatusRegistry.OVERALL));
		trackNew(services);
	}

	/**
	 * Track these services too: each new name gets its status from the latest evaluation
	 * at once (no new round: the contributors' health does not depend on the name), or is
	 * NOT_SERVING (known, health not yet evaluated) until the first round publishes it.
	 * @param services the service names
	 */
	@Override
	public void track(Collection<String> services) {
		trackNew(services);
	}

	// synchronized with publish: a name tracked while a round runs gets that round's
	// status, from the round or from here, never a status older than the round's
	private synchronized void trackNew(Collection<String> services) {
		for (String service : services) {
			if (this.tracked.add(service)) {
				this.registry.setEvaluatedStatus(service, (this.lastEvaluation != null)
						? statusOf(service, this.lastEvaluation) : ServingStatus.NOT_SERVING);
			}
		}
	}

	/**
	 * Evaluate the contributors and publish every tracked service's status now, on the
	 * calling thread.
	 */
	public void update() {
		try {
			Map<String, String> evaluation = this.evaluator.evaluate();
			if (Thread.currentThread().isInterrupted()) {
				// stopping: an interrupted round knows nothing, publish nothing
				return;
			}
			publish(evaluation);
		}
		catch (RuntimeException ex) {
			// keep the schedule alive: a failed round leaves the previous statuses in
			// place
			logger.warn("gRPC health evaluation failed", ex);
		}
	}

	private synchronized void publish(Map<String, String> evaluation) {
		this.lastEvaluation = evaluation;
		for (String service : this.tracked) {
			this.registry.setEvaluatedStatus(service, statusOf(service, evaluation));
		}
	}

	private ServingStatus statusOf(String service, Map<String, String> evaluation) {
		return this.mapper.map(this.bindings.apply(service).aggregate(evaluation));
	}

	/**
	 * Evaluate on the scheduler's thread as soon as {@code settled} holds, asked every 10
	 * ms, or after a second whatever it says; nothing while stopped.
	 * @param settled whether what the evaluation must see is in place
	 */
	@Override
	public void evaluateSoon(BooleanSupplier settled) {
		submitWhen(settled, SETTLE_ATTEMPTS);
	}

	private void submitWhen(BooleanSupplier settled, int attemptsLeft) {
		ScheduledExecutorService current = this.scheduler;
		if (current == null) {
			return;
		}
		try {
			current.schedule(() -> {
				if (attemptsLeft > 0 && !settled.getAsBoolean()) {
					submitWhen(settled, attemptsLeft - 1);
				}
				else {
					update();
				}
			}, (attemptsLeft < SETTLE_ATTEMPTS) ? SETTLE_STEP_MILLIS : 0, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "health-grpc-evaluator");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::update, 0, this.period.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = this.scheduler;
		this.scheduler = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	/**
	 * Stop and release every thread: the scheduler's and the evaluator's own. Called when
	 * the bean is destroyed, also after a refresh that failed before anything stopped it.
	 */
	@Override
	public void close() {
		ScheduledExecutorService current = this.scheduler;
		stop();
		this.evaluator.close();
		if (current != null) {
			awaitTermination(current);
		}
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("gRPC health evaluation did not stop within " + CLOSE_TIMEOUT.toMillis() + " ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		// start before the gRPC server (net.devh uses Integer.MAX_VALUE), so the first
		// round is under way
		return Integer.MAX_VALUE - 1000;
	}

}
