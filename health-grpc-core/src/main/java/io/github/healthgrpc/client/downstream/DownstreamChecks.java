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

package io.github.healthgrpc.client.downstream;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * The health of the gRPC services this application calls: every period each downstream is
 * asked {@code grpc.health.v1.Health/Check} with a short deadline, and
 * {@link #latest(String)} tells its latest answer. Nothing runs on the path of whoever
 * reads it (each line's Actuator binding turns the answers into health contributors), and
 * at most one check per downstream is under way at a time.
 *
 * <p>
 * SERVING is UP; NOT_SERVING, an unknown service and a failed call are DOWN, with the
 * reason in the details; UNKNOWN, no answer yet, and an answer older than
 * {@value #STALE_PERIODS} periods plus the timeout (the checks stopped, or hang), is
 * UNKNOWN. Nothing a check throws, not even a {@link VirtualMachineError}, stops the
 * schedule. It asks the downstream's Health service, not the channel's connectivity: a
 * channel in TRANSIENT_FAILURE between two reconnects is not a downstream outage.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class DownstreamChecks implements SmartLifecycle, AutoCloseable {

	/**
	 * Periods without an answer after which the latest answer is stale.
	 */
	static final int STALE_PERIODS = 3;

	private static final Log logger = LogFactory.getLog(DownstreamChecks.class);

	private final ScheduledExecutorService scheduler;

	private final Map<String, DownstreamCheck> checks = new LinkedHashMap<>();

	private final Duration period;

	// guarded by this
	private ScheduledFuture<?> schedule;

	/**
	 * Prepare to ask; asking begins with {@link #start()} (a Spring application starts it
	 * once every other bean is ready), at once and then every period.
	 * @param targets the downstreams
	 * @param period time between two checks of one downstream
	 */
	public DownstreamChecks(List<DownstreamTarget> targets, Duration period) {
		this(targets, period, Clock.systemUTC(), System::nanoTime);
	}

	DownstreamChecks(List<DownstreamTarget> targets, Duration period, Clock clock, LongSupplier nanoTime) {
		Assert.isTrue(period != null && period.toMillis() > 0, "'period' must be positive");
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "health-grpc-downstream");
			thread.setDaemon(true);
			return thread;
		});
		this.period = period;
		targets.forEach((target) -> this.checks.put(target.name(),
				new DownstreamCheck(target, staleAfter(period, target), clock, nanoTime)));
	}

	/**
	 * Return how old an answer may get before it is stale: three periods, and the time
	 * the check that follows them may take.
	 * @param period the time between two checks
	 * @param target the downstream
	 * @return the age beyond which its answer is reported UNKNOWN
	 */
	static Duration staleAfter(Duration period, DownstreamTarget target) {
		return period.multipliedBy(STALE_PERIODS).plus(target.timeout());
	}

	/**
	 * Return the downstreams' names, in the order they were given.
	 * @return the names
	 */
	public Set<String> names() {
		return this.checks.keySet();
	}

	/**
	 * Return the latest answer of a downstream.
	 * @param name the downstream's name
	 * @return its latest answer, UNKNOWN when it is stale or was never asked
	 * @throws IllegalArgumentException for a name that is not one of {@link #names()}
	 */
	public DownstreamAnswer latest(String name) {
		DownstreamCheck check = this.checks.get(name);
		Assert.isTrue(check != null, () -> "No downstream named '" + name + "'");
		return check.latest();
	}

	/**
	 * Begin asking, if not asking already.
	 */
	@Override
	public synchronized void start() {
		if (this.schedule == null && !this.scheduler.isShutdown()) {
			this.schedule = this.scheduler.scheduleAtFixedRate(this::checkAll, 0, this.period.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Stop asking; the last answers stay.
	 */
	@Override
	public synchronized void stop() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
			this.schedule = null;
		}
	}

	private void checkAll() {
		this.checks.forEach((name, check) -> {
			try {
				check.check();
			}
			catch (Throwable ex) {
				// a scheduled task that throws never runs again, and every answer would
				// go stale: nothing escapes, not even a VirtualMachineError
				logger.error("Checking the health of downstream '" + name + "' failed", ex);
			}
		});
	}

	@Override
	public synchronized boolean isRunning() {
		return this.schedule != null;
	}

	@Override
	public synchronized void close() {
		stop();
		this.scheduler.shutdownNow();
	}

}
