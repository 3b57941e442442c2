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

package io.github.healthgrpc.client.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.grpc.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * The health of the gRPC services this application calls, as Actuator sees it: every
 * period each configured downstream is asked {@code grpc.health.v1.Health/Check} with a
 * short deadline, and its indicator reports the latest answer. Nothing runs on the
 * request path of {@code /actuator/health}, and at most one check per downstream is under
 * way at a time.
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
public final class DownstreamHealth implements SmartLifecycle, AutoCloseable {

	/**
	 * Periods without an answer after which the latest answer is stale.
	 */
	static final int STALE_PERIODS = 3;

	/**
	 * One downstream to ask.
	 *
	 * @param name the contributor's name (the client name)
	 * @param channel the channel to ask through, made at the first check
	 * @param service the health service name, {@code ""} for the overall status
	 * @param timeout the deadline of each check
	 */
	public record Target(String name, Supplier<Channel> channel, String service, Duration timeout) {

		/**
		 * Check the target.
		 * @param name the contributor's name (the client name)
		 * @param channel the channel to ask through, made at the first check
		 * @param service the health service name, {@code ""} for the overall status
		 * @param timeout the deadline of each check
		 */
		public Target {
			Assert.hasText(name, "'name' must not be empty");
			Assert.notNull(channel, "'channel' must not be null");
			Assert.notNull(service, "'service' must not be null");
			Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		}

	}

	private static final Log logger = LogFactory.getLog(DownstreamHealth.class);

	private final ScheduledExecutorService scheduler;

	private final Map<String, DownstreamCheck> checks = new LinkedHashMap<>();

	/**
	 * Prepare to ask; asking begins with {@link #start()} (a Spring application starts it
	 * once every other bean is ready), at once and then every period.
	 * @param targets the downstreams
	 * @param period time between two checks of one downstream
	 */
	public DownstreamHealth(List<Target> targets, Duration period) {
		this(targets, period, Clock.systemUTC(), System::nanoTime);
	}

	private final Duration period;

	private ScheduledFuture<?> schedule;

	DownstreamHealth(List<Target> targets, Duration period, Clock clock, LongSupplier nanoTime) {
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
	static Duration staleAfter(Duration period, Target target) {
		return period.multipliedBy(STALE_PERIODS).plus(target.timeout());
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
				// go
				// stale: nothing escapes, not even a VirtualMachineError
				logger.error("Checking the health of downstream '" + name + "' failed", ex);
			}
		});
	}

	@Override
	public synchronized boolean isRunning() {
		return this.schedule != null;
	}

	/**
	 * Return the contributor: one indicator per downstream, by name.
	 * @return the composite contributor
	 */
	public HealthContributor contributor() {
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		this.checks.forEach((name, check) -> indicators.put(name, check::latest));
		return CompositeHealthContributor.fromMap(indicators);
	}

	@Override
	public synchronized void close() {
		stop();
		this.scheduler.shutdownNow();
	}

}
