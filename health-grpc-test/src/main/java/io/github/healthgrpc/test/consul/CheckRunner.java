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

package io.github.healthgrpc.test.consul;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the checks: probes GRPC, HTTP and TCP checks every interval (the first after a
 * random stagger within it, each next one an interval after the previous one ended, as
 * Consul does; never more often than once a second), expires TTL checks that were not
 * updated in time, and reaps services that stayed critical longer than their
 * {@code DeregisterCriticalServiceAfter}: every reap interval (Consul's
 * {@code check_reap_interval}, 30 s), each service with a check critical longer than that
 * time, raised to a minimum if shorter (Consul's {@code check_deregister_interval_min}, 1
 * minute), is deregistered.
 *
 * <p>
 * Probes are asynchronous and bounded by their timeout: a target that hangs holds no
 * thread and delays no other check. Changing the catalog and starting or stopping the
 * probes that change implies is one step under this runner's lock, so two registrations
 * of one id at once leave exactly one probe loop, on the newest definition; and each loop
 * belongs to one {@link CheckEntry}, so a probe of a removed check never touches a check
 * registered again under its id.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class CheckRunner implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	private final AgentState state;

	private final Probes probes;

	private final Duration minimumDeregisterAfter;

	private final Duration deregisterAfterOverride;

	private final ScheduledExecutorService timer;

	private final Executor starter;

	private final ScheduledFuture<?> reaper;

	/**
	 * @param deregisterAfterOverride the time that replaces every registered
	 * {@code DeregisterCriticalServiceAfter}, or {@code null}
	 * @param timer schedules probes, TTL expiries and the reaper; nothing blocks on it
	 * @param starter starts probes (a name lookup can block)
	 */
	CheckRunner(AgentState state, Probes probes, Duration reapInterval, Duration minimumDeregisterAfter,
			Duration deregisterAfterOverride, ScheduledExecutorService timer, Executor starter) {
		this.state = state;
		this.probes = probes;
		this.minimumDeregisterAfter = minimumDeregisterAfter;
		this.deregisterAfterOverride = deregisterAfterOverride;
		this.timer = timer;
		this.starter = starter;
		this.reaper = timer.scheduleWithFixedDelay(this::reap, reapInterval.toNanos(), reapInterval.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Register (or replace) an instance and run its checks.
	 */
	synchronized void register(ServiceDefinition definition) {
		AgentState.Changes changes = this.state.register(definition);
		changes.removed().forEach(this::stop);
		changes.added().forEach(this::start);
	}

	/**
	 * Deregister an instance and stop its checks.
	 */
	synchronized void deregister(String serviceId) {
		this.state.deregister(serviceId).forEach(this::stop);
	}

	/**
	 * Set a TTL check from {@code /v1/agent/check/pass|warn|fail} and restart its timer.
	 */
	synchronized void ttl(String checkId, String status, String note) {
		CheckEntry check = this.state.check(checkId);
		if (check == null) {
			throw unknownCheck(checkId);
		}
		if (!"ttl".equals(check.type())) {
			throw new ConsulError(500, "CheckID \"" + checkId + "\" does not have associated TTL");
		}
		this.state.update(check, status, note);
		armTtl(check);
	}

	static ConsulError unknownCheck(String checkId) {
		return ConsulError
			.notFound("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
	}

	// with this runner's lock held
	private void start(CheckEntry check) {
		if ("ttl".equals(check.type())) {
			armTtl(check);
			return;
		}
		long interval = Probes.clampInterval(check.definition.interval()).toNanos();
		schedule(check, ThreadLocalRandom.current().nextLong(interval));
	}

	private void schedule(CheckEntry check, long delayNanos) {
		if (!check.stopped) {
			check.next = this.timer.schedule(() -> this.starter.execute(() -> probe(check)), delayNanos,
					TimeUnit.NANOSECONDS);
		}
	}

	private void probe(CheckEntry check) {
		if (check.stopped) {
			return;
		}
		this.probes.probe(check.definition).whenComplete((result, failure) -> {
			if (check.stopped) {
				return;
			}
			boolean current = (failure == null) ? this.state.update(check, result.status(), result.output())
					: this.state.update(check, "critical", String.valueOf(failure));
			if (current) {
				schedule(check, Probes.clampInterval(check.definition.interval()).toNanos());
			}
		});
	}

	// with this runner's lock held
	private void armTtl(CheckEntry check) {
		ScheduledFuture<?> previous = check.next;
		if (previous != null) {
			previous.cancel(false);
		}
		check.next = this.timer.schedule(() -> expire(check), check.definition.ttl().toNanos(), TimeUnit.NANOSECONDS);
	}

	private void expire(CheckEntry check) {
		if (!check.stopped) {
			this.state.expire(check);
		}
	}

	private void stop(CheckEntry check) {
		check.stopped = true;
		ScheduledFuture<?> next = check.next;
		if (next != null) {
			next.cancel(false);
		}
	}

	private void reap() {
		try {
			List<String> critical = this.state.criticalTooLong(this.minimumDeregisterAfter,
					this.deregisterAfterOverride);
			for (String serviceId : critical) {
				try {
					deregister(serviceId);
					logger.log(System.Logger.Level.INFO, "Check for service " + serviceId
							+ " has been critical for too long; deregistered service (DeregisterCriticalServiceAfter)");
				}
				catch (ConsulError ex) {
					// deregistered meanwhile
				}
			}
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Reaping critical services failed", ex);
		}
	}

	@Override
	public void close() {
		this.reaper.cancel(false);
	}

}
