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

package io.github.healthgrpc.consul;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Keeps an instance registered: every interval it asks the agent whether the instance is
 * still there, and registers it again when the agent lost it (it was unreachable when the
 * application started, or it restarted and forgot its services). An instance that Consul
 * removed because its check stayed critical for {@code DeregisterCriticalServiceAfter} is
 * registered again only once it is SERVING again ({@link ReapRule}). While the agent
 * cannot be reached it retries with exponential backoff (the interval, doubling, up to 30
 * s). It never touches maintenance mode: an instance an operator took out stays out.
 *
 * <p>
 * Thread-safe. Runs from {@link #start()} to {@link #stop()}, one check at a time: each
 * schedules the next. The scheduler only keeps the time; the checks, which wait for the
 * agent up to its client's timeout, run on the executor, so a stalled agent never holds
 * the scheduler's thread.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class RegistrationKeeper {

	private static final Log logger = LogFactory.getLog(RegistrationKeeper.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final ConsulAgentClient agent;

	private final Supplier<ServiceDefinition> registration;

	private final Duration interval;

	private final ScheduledExecutorService scheduler;

	private final Executor executor;

	private final FailureLog failures = new FailureLog(logger);

	@Nullable
	private final Duration deregisterAfter;

	private final BooleanSupplier serving;

	// touched by the running check only, one at a time; made at start()
	private ReapRule reaps;

	// guarded by this
	private ScheduledFuture<?> next;

	// guarded by this
	private boolean running;

	// touched by the running check only, one at a time
	private Duration backoff;

	/**
	 * Create a keeper for an instance that Consul never removes.
	 * @param agent the agent
	 * @param registration the instance as it must be registered (read at each attempt)
	 * @param interval time between two checks while all is well
	 * @param scheduler where the checks are timed
	 * @param executor where the checks run
	 */
	public RegistrationKeeper(ConsulAgentClient agent, Supplier<ServiceDefinition> registration, Duration interval,
			ScheduledExecutorService scheduler, Executor executor) {
		this(agent, registration, interval, scheduler, executor, null, () -> true);
	}

	/**
	 * Create a keeper.
	 * @param agent the agent
	 * @param registration the instance as it must be registered (read at each attempt)
	 * @param interval time between two checks while all is well
	 * @param scheduler where the checks are timed
	 * @param executor where the checks run
	 * @param deregisterAfter the {@code DeregisterCriticalServiceAfter} of the instance's
	 * check, or {@code null} when Consul never removes it
	 * @param serving whether the instance is SERVING now (the status its check asks for)
	 */
	public RegistrationKeeper(ConsulAgentClient agent, Supplier<ServiceDefinition> registration, Duration interval,
			ScheduledExecutorService scheduler, Executor executor, @Nullable Duration deregisterAfter,
			BooleanSupplier serving) {
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		this.agent = agent;
		this.registration = registration;
		this.interval = interval;
		this.scheduler = scheduler;
		this.executor = executor;
		this.deregisterAfter = deregisterAfter;
		this.serving = serving;
		this.backoff = interval;
	}

	/**
	 * Start keeping the instance registered; the first check comes at once.
	 */
	public synchronized void start() {
		if (!this.running) {
			this.running = true;
			// the first check reads it after this lock: the scheduler publishes it
			this.reaps = new ReapRule(this.deregisterAfter, this.serving, System.nanoTime());
			schedule(Duration.ZERO);
		}
	}

	/**
	 * Stop: no registration is made after this returns, so a deregistration that follows
	 * stays. A registration under way is waited for: at most the agent client's timeout.
	 */
	public synchronized void stop() {
		this.running = false;
		if (this.next != null) {
			this.next.cancel(false);
		}
	}

	private synchronized boolean isRunning() {
		return this.running;
	}

	private synchronized void schedule(Duration delay) {
		if (this.running) {
			this.next = this.scheduler.schedule(this::handOff, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void handOff() {
		try {
			this.executor.execute(this::keep);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void keep() {
		ServiceDefinition service = this.registration.get();
		try {
			check(service);
			this.failures.recovered("Consul agent at " + this.agent.base() + " answers again");
			this.backoff = this.interval;
			schedule(this.interval);
		}
		catch (RuntimeException ex) {
			if (!isRunning()) {
				// stopped meanwhile: a call cut short by the shutdown is no failure
				return;
			}
			// whatever the agent answers, the keeper keeps going
			String reason = (ex instanceof ConsulAgentException) ? ex.getMessage() : ex.toString();
			this.failures.failed(
					"Could not keep " + service.getId() + " registered with the Consul agent at " + this.agent.base()
							+ " (" + reason + "); retrying with backoff up to " + MAX_BACKOFF.toSeconds() + " s");
			Duration delay = this.backoff;
			Duration doubled = delay.multipliedBy(2);
			this.backoff = (doubled.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : doubled;
			// last: the next run reads the new backoff
			schedule(delay);
		}
	}

	private void check(ServiceDefinition service) {
		String id = service.getId();
		long askedAt = System.nanoTime();
		if (this.agent.isRegistered(id)) {
			this.reaps.present(this.reaps.watchesChecks() && mayBeCritical(this.agent.checkStatus(id)), askedAt);
			return;
		}
		switch (this.reaps.missing(System.nanoTime())) {
			case LOST -> register(service, "it did not have it (unreachable at startup, or restarted since)");
			case RECOVERED -> register(service, "Consul had removed it while its check was critical; it is SERVING");
			case REAPED -> reaped(id);
			case HELD -> {
				// waiting until it is SERVING again
			}
		}
	}

	// no status: its check was gone by the second question (Consul removing the instance
	// between the two), which tells nothing of how long it was critical
	private static boolean mayBeCritical(@Nullable String status) {
		return status == null || "critical".equals(status);
	}

	private void register(ServiceDefinition service, String why) {
		long sentAt = System.nanoTime();
		synchronized (this) {
			// checked under the lock: never register again after stop()
			if (!this.running) {
				return;
			}
			this.agent.register(service);
		}
		this.reaps.registered(sentAt);
		logger.info("Registered " + service.getId() + " with the Consul agent at " + this.agent.base() + ": " + why);
	}

	private void reaped(String id) {
		String removed = "Consul removed " + id + ": its check stayed critical for about "
				+ GoDuration.format(this.deregisterAfter) + " (DeregisterCriticalServiceAfter)";
		if (this.reaps.servingWhenReaped()) {
			logger.warn(removed + " although the instance is SERVING: Consul cannot reach it or its check cannot "
					+ "pass (see the check's output). It is registered again in "
					+ GoDuration.format(this.deregisterAfter) + " if it is SERVING then");
		}
		else {
			logger.info(removed + " while it was not SERVING. It is registered again once it is SERVING");
		}
	}

}
