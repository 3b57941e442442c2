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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
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
 * reason in the details; UNKNOWN, and no answer yet, is UNKNOWN. It asks the downstream's
 * Health service, not the channel's connectivity: a channel in TRANSIENT_FAILURE between
 * two reconnects is not a downstream outage.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class DownstreamHealth implements SmartLifecycle, AutoCloseable {

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

	private final ScheduledExecutorService scheduler;

	private final Map<String, Checked> checked = new LinkedHashMap<>();

	private final Clock clock;

	/**
	 * Prepare to ask; asking begins with {@link #start()} (a Spring application starts it
	 * once every other bean is ready), at once and then every period.
	 * @param targets the downstreams
	 * @param period time between two checks of one downstream
	 */
	public DownstreamHealth(List<Target> targets, Duration period) {
		this(targets, period, Clock.systemUTC());
	}

	private final Duration period;

	private ScheduledFuture<?> schedule;

	DownstreamHealth(List<Target> targets, Duration period, Clock clock) {
		Assert.isTrue(period != null && period.toMillis() > 0, "'period' must be positive");
		this.clock = clock;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "health-grpc-downstream");
			thread.setDaemon(true);
			return thread;
		});
		this.period = period;
		targets.forEach((target) -> this.checked.put(target.name(), new Checked(target)));
	}

	/**
	 * Begin asking, if not asking already.
	 */
	@Override
	public synchronized void start() {
		if (this.schedule == null && !this.scheduler.isShutdown()) {
			this.schedule = this.scheduler.scheduleAtFixedRate(() -> this.checked.values().forEach(Checked::check), 0,
					this.period.toMillis(), TimeUnit.MILLISECONDS);
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
		this.checked.forEach((name, checked) -> indicators.put(name, checked::latest));
		return CompositeHealthContributor.fromMap(indicators);
	}

	@Override
	public synchronized void close() {
		stop();
		this.scheduler.shutdownNow();
	}

	/**
	 * One downstream's latest answer.
	 */
	private final class Checked {

		private final Target target;

		private final AtomicBoolean underWay = new AtomicBoolean();

		private final AtomicReference<Health> latest;

		Checked(Target target) {
			this.target = target;
			this.latest = new AtomicReference<>(Health.unknown()
				.withDetail("service", target.service())
				.withDetail("reason", "not asked yet")
				.build());
		}

		Health latest() {
			return this.latest.get();
		}

		void check() {
			if (!this.underWay.compareAndSet(false, true)) {
				// the previous check has not ended: its deadline will end it
				return;
			}
			long started = System.nanoTime();
			try {
				Futures.addCallback(
						HealthGrpc.newFutureStub(this.target.channel().get())
							.withDeadlineAfter(this.target.timeout().toMillis(), TimeUnit.MILLISECONDS)
							.check(HealthCheckRequest.newBuilder().setService(this.target.service()).build()),
						new FutureCallback<HealthCheckResponse>() {

							@Override
							public void onSuccess(HealthCheckResponse response) {
								answered(health(response.getStatus()), started);
							}

							@Override
							public void onFailure(Throwable failure) {
								answered(failed(Status.fromThrowable(failure)), started);
							}

						}, MoreExecutors.directExecutor());
			}
			catch (Throwable ex) {
				// no channel, or anything else: a DOWN like any failed call, and the
				// next period asks again
				answered(failed(Status.fromThrowable(ex)), started);
				if (ex instanceof VirtualMachineError error) {
					throw error;
				}
			}
		}

		private void answered(Health.Builder health, long started) {
			this.latest.set(health.withDetail("service", this.target.service())
				.withDetail("checkedAt", DownstreamHealth.this.clock.instant().toString())
				.withDetail("durationMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
				.build());
			this.underWay.set(false);
		}

		private static Health.Builder health(HealthCheckResponse.ServingStatus status) {
			Health.Builder health = switch (status) {
				case SERVING -> Health.up();
				case NOT_SERVING, SERVICE_UNKNOWN -> Health.down();
				default -> Health.unknown();
			};
			return health.withDetail("status", status.name());
		}

		private static Health.Builder failed(Status status) {
			// the code and nothing else: a description may carry addresses
			return Health.down().withDetail("error", status.getCode().name());
		}

	}

}
