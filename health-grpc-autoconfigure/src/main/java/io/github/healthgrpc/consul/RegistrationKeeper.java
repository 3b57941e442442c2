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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.ecwid.consul.v1.agent.model.NewService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Keeps an instance registered: every interval it asks the agent whether the instance is
 * still there, and registers it again when it is not: the agent was unreachable when the
 * application started, or it restarted and forgot its services. While the agent cannot be
 * reached it retries with exponential backoff (the interval, doubling, up to 30 s).
 *
 * <p>
 * Thread-safe. Runs on the given scheduler from {@link #start()} to {@link #stop()}, one
 * check at a time: each schedules the next.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class RegistrationKeeper {

	private static final Log logger = LogFactory.getLog(RegistrationKeeper.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final ConsulAgentClient agent;

	private final Supplier<NewService> registration;

	private final Duration interval;

	private final ScheduledExecutorService scheduler;

	private final FailureLog failures = new FailureLog(logger);

	// guarded by this
	private ScheduledFuture<?> next;

	// guarded by this
	private boolean running;

	// touched by the scheduled task only, one run at a time
	private Duration backoff;

	/**
	 * Create a keeper.
	 * @param agent the agent
	 * @param registration the instance as it must be registered (read at each attempt)
	 * @param interval time between two checks while all is well
	 * @param scheduler where the checks run
	 */
	public RegistrationKeeper(ConsulAgentClient agent, Supplier<NewService> registration, Duration interval,
			ScheduledExecutorService scheduler) {
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		this.agent = agent;
		this.registration = registration;
		this.interval = interval;
		this.scheduler = scheduler;
		this.backoff = interval;
	}

	/**
	 * Start keeping the instance registered; the first check comes at once.
	 */
	public synchronized void start() {
		if (!this.running) {
			this.running = true;
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

	private synchronized void schedule(Duration delay) {
		if (this.running) {
			this.next = this.scheduler.schedule(this::keep, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void keep() {
		NewService service = this.registration.get();
		try {
			if (!this.agent.isRegistered(service.getId())) {
				synchronized (this) {
					// checked under the lock: never register again after stop()
					if (!this.running) {
						return;
					}
					this.agent.register(service);
				}
				logger.info("Registered " + service.getId() + " with the Consul agent at " + this.agent.base()
						+ ": it did not have it (unreachable at startup, or restarted since)");
			}
			this.failures.recovered("Consul agent at " + this.agent.base() + " answers again");
			this.backoff = this.interval;
			schedule(this.interval);
		}
		catch (RuntimeException ex) {
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

}
