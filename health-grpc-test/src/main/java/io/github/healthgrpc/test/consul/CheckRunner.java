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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the checks: probes GRPC, HTTP and TCP checks every interval (the first after a
 * random stagger within it, as Consul does; never more often than once a second), expires
 * TTL checks that were not updated in time, and reaps services that stayed critical
 * longer than their {@code DeregisterCriticalServiceAfter}: every reap interval (Consul's
 * {@code check_reap_interval}, 30 s), each service with a check critical longer than that
 * time, raised to a minimum if shorter (Consul's {@code check_deregister_interval_min}, 1
 * minute), is deregistered.
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

	private final ScheduledExecutorService scheduler;

	private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

	CheckRunner(AgentState state, Probes probes, Duration reapInterval, Duration minimumDeregisterAfter) {
		this.state = state;
		this.probes = probes;
		this.minimumDeregisterAfter = minimumDeregisterAfter;
		AtomicInteger threads = new AtomicInteger();
		this.scheduler = Executors.newScheduledThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "consul-dev-agent-checks-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::reap, reapInterval.toMillis(), reapInterval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	void apply(AgentState.Changes changes) {
		stop(changes.removed());
		changes.added().forEach(this::start);
	}

	void stop(List<CheckEntry> checks) {
		for (CheckEntry check : checks) {
			ScheduledFuture<?> future = this.running.remove(check.checkId);
			if (future != null) {
				future.cancel(false);
			}
		}
	}

	/**
	 * Set a TTL check from {@code /v1/agent/check/pass|warn|fail} and restart its timer.
	 */
	void ttl(String checkId, String status, String note) {
		CheckEntry check = this.state.check(checkId);
		if (check == null) {
			throw unknownCheck(checkId);
		}
		if (!"ttl".equals(check.type())) {
			throw new ConsulError(500, "CheckID \"" + checkId + "\" does not have associated TTL");
		}
		this.state.update(checkId, status, note);
		armTtl(check);
	}

	static ConsulError unknownCheck(String checkId) {
		return ConsulError
			.notFound("Unknown check ID \"" + checkId + "\". Ensure that the check ID is passed, not the check name.");
	}

	private void start(CheckEntry check) {
		CheckDefinition definition = check.definition;
		if ("ttl".equals(definition.type())) {
			armTtl(check);
			return;
		}
		long interval = Probes.clampInterval(definition.interval()).toMillis();
		long stagger = ThreadLocalRandom.current().nextLong(interval);
		this.running.put(check.checkId,
				this.scheduler.scheduleWithFixedDelay(() -> probe(check), stagger, interval, TimeUnit.MILLISECONDS));
	}

	private void probe(CheckEntry check) {
		try {
			Probes.Result result = this.probes.probe(check.definition);
			if (!this.state.update(check.checkId, result.status(), result.output())) {
				stop(List.of(check));
			}
		}
		catch (RuntimeException ex) {
			// a check must never stop the others
			logger.log(System.Logger.Level.WARNING, "Check " + check.checkId + " failed to run", ex);
			this.state.update(check.checkId, "critical", String.valueOf(ex));
		}
	}

	private void armTtl(CheckEntry check) {
		ScheduledFuture<?> expiry = this.scheduler.schedule(() -> {
			CheckEntry now = this.state.check(check.checkId);
			if (now != null) {
				String last = now.output.startsWith("TTL expired") ? "" : now.output;
				this.state.update(check.checkId, "critical",
						last.isEmpty() ? "TTL expired" : "TTL expired (last output before timeout follows): " + last);
			}
		}, check.definition.ttl().toMillis(), TimeUnit.MILLISECONDS);
		ScheduledFuture<?> previous = this.running.put(check.checkId, expiry);
		if (previous != null) {
			previous.cancel(false);
		}
	}

	private void reap() {
		try {
			for (String serviceId : this.state.criticalTooLong(this.minimumDeregisterAfter)) {
				logger.log(System.Logger.Level.INFO, "Check for service " + serviceId
						+ " has been critical for too long; deregistered service (DeregisterCriticalServiceAfter)");
				stop(this.state.deregister(serviceId));
			}
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Reaping critical services failed", ex);
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
