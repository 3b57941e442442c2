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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The agent's catalog of services and checks, with Consul's indexes: one counter that
 * only grows; the services table's index, bumped by registering a new or changed service
 * and by deregistering one (not by check changes: the trap that keeps
 * {@code /v1/catalog/services} still while a service turns critical); each service name's
 * index, bumped by its instances and by any change of their checks' status or output; and
 * the checks table's index.
 *
 * <p>
 * Blocking queries are held (without a thread) until an index moves past the one a client
 * already has, or their content changes, as Consul's are.
 *
 * <p>
 * Thread-safe: one lock guards everything.
 *
 * @author health-grpc authors
 */
final class AgentState {

	static final String NODE = "health-grpc-dev-agent";

	static final String MAINTENANCE_PREFIX = "_service_maintenance:";

	static final String DEFAULT_MAINTENANCE_REASON = "Maintenance mode is enabled for this service, "
			+ "but no reason was provided. This is a default message.";

	private final ReentrantLock lock = new ReentrantLock();

	private final Clock clock;

	// everything below is guarded by lock
	private long index = 1;

	private long servicesIndex = 1;

	private long checksIndex = 1;

	// blocking queries waiting for a change
	private final List<HeldQuery> held = new ArrayList<>();

	private final Map<String, Long> nameIndexes = new HashMap<>();

	private final Map<String, ServiceEntry> services = new LinkedHashMap<>();

	private final Map<String, CheckEntry> checks = new LinkedHashMap<>();

	private final CheckEntry serfHealth;

	private final List<AgentEvent> history = new ArrayList<>();

	AgentState(Clock clock) {
		this.clock = clock;
		this.serfHealth = new CheckEntry("serfHealth", "Serf Health Status", "", "", List.of(), null, "passing");
		this.serfHealth.output = "Agent alive and reachable";
		this.serfHealth.createIndex = 1;
		this.serfHealth.modifyIndex = 1;
	}

	/**
	 * An instance and its indexes.
	 */
	record ServiceEntry(ServiceDefinition definition, long createIndex, long modifyIndex) {

	}

	/**
	 * What a registration changed for the checks that run.
	 */
	record Changes(List<CheckEntry> added, List<CheckEntry> removed) {

	}

	/**
	 * Register or replace an instance. A check that keeps its id keeps its status and
	 * output; checks the new definition leaves out are kept, as Consul keeps them. Every
	 * check of the definition starts again, as Consul's do when a service is registered
	 * again, even unchanged: its probe or TTL timer restarts, and its time critical
	 * (which {@code DeregisterCriticalServiceAfter} counts) starts again at its next
	 * critical result.
	 */
	Changes register(ServiceDefinition definition) {
		return locked(() -> {
			ServiceEntry previous = this.services.get(definition.id());
			boolean same = previous != null && definition.sameServiceAs(previous.definition());
			long next = same ? this.index : ++this.index;
			this.services.put(definition.id(), new ServiceEntry(definition,
					(previous != null) ? previous.createIndex() : next, same ? previous.modifyIndex() : next));
			if (!same) {
				record(AgentEvent.Type.REGISTERED, definition.id(), null);
			}
			List<CheckEntry> added = new ArrayList<>();
			List<CheckEntry> removed = new ArrayList<>();
			boolean checksChanged = false;
			for (int n = 0; n < definition.checks().size(); n++) {
				CheckDefinition check = definition.checks().get(n);
				String checkId = definition.checkId(n);
				CheckEntry old = this.checks.get(checkId);
				CheckEntry entry = new CheckEntry(checkId, definition.checkName(n), definition.id(), definition.name(),
						definition.tags(), check, (old != null) ? old.status : check.initialStatus());
				entry.output = (old != null) ? old.output : "";
				entry.notes = check.notes();
				if (old != null && same && check.equals(old.definition)) {
					// nothing changes in the catalog
					entry.createIndex = old.createIndex;
					entry.modifyIndex = old.modifyIndex;
				}
				else {
					long checkIndex = ++this.index;
					entry.createIndex = (old != null) ? old.createIndex : checkIndex;
					entry.modifyIndex = checkIndex;
					checksChanged = true;
				}
				this.checks.put(checkId, entry);
				if (old != null) {
					removed.add(old);
				}
				else {
					record(AgentEvent.Type.CHECK, checkId, entry.status);
				}
				added.add(entry);
			}
			if (!same || checksChanged) {
				touch(definition.name(), !same);
			}
			return new Changes(added, removed);
		});
	}

	/**
	 * Remove an instance and every check of it.
	 */
	List<CheckEntry> deregister(String serviceId) {
		return locked(() -> {
			ServiceEntry removed = this.services.remove(serviceId);
			if (removed == null) {
				throw ConsulHttpHandler.unknownService(serviceId);
			}
			List<CheckEntry> gone = new ArrayList<>();
			this.checks.values().removeIf((check) -> serviceId.equals(check.serviceId) && gone.add(check));
			++this.index;
			record(AgentEvent.Type.DEREGISTERED, serviceId, null);
			touch(removed.definition().name(), true);
			return gone;
		});
	}

	/**
	 * Record a check result; an unchanged status and output change nothing, not even an
	 * index.
	 * @return whether the check is still registered (and not replaced by another under
	 * its id)
	 */
	boolean update(CheckEntry check, String status, String output) {
		return locked(() -> {
			if (this.checks.get(check.checkId) != check) {
				return false;
			}
			String checkId = check.checkId;
			// the time critical counts from the first critical result, even an unchanged
			// one
			Instant now = this.clock.instant();
			if (!"critical".equals(status)) {
				check.criticalSince = null;
			}
			else if (check.criticalSince == null) {
				check.criticalSince = now;
			}
			if (!status.equals(check.status) || !output.equals(check.output)) {
				if (!status.equals(check.status)) {
					this.history.add(new AgentEvent(AgentEvent.Type.CHECK, checkId, status, now));
				}
				check.status = status;
				check.output = output;
				check.modifyIndex = ++this.index;
				touch(check.serviceName, false);
			}
			return true;
		});
	}

	/**
	 * Turn a TTL check critical because it was not updated in time, with Consul's output.
	 */
	boolean expire(CheckEntry check) {
		return locked(() -> {
			String last = check.output.startsWith("TTL expired") ? "" : check.output;
			return update(check, "critical",
					last.isEmpty() ? "TTL expired" : "TTL expired (last output before timeout follows): " + last);
		});
	}

	int heldQueries() {
		return locked(this.held::size);
	}

	List<AgentEvent> history() {
		return locked(() -> List.copyOf(this.history));
	}

	// with the lock held
	private void record(AgentEvent.Type type, String id, String status) {
		this.history.add(new AgentEvent(type, id, status, this.clock.instant()));
	}

	CheckEntry check(String checkId) {
		return locked(() -> this.checks.get(checkId));
	}

	boolean hasService(String serviceId) {
		return locked(() -> this.services.containsKey(serviceId));
	}

	/**
	 * Return an instance's service name, or {@code null} when there is no such instance.
	 */
	String serviceName(String serviceId) {
		return locked(() -> {
			ServiceEntry service = this.services.get(serviceId);
			return (service != null) ? service.definition().name() : null;
		});
	}

	/**
	 * Add or remove a service's maintenance check ({@code _service_maintenance:<id>}, of
	 * type {@code maintenance}, critical while it exists, with the reason as its notes);
	 * enabling it twice, or disabling it when it is off, changes nothing.
	 */
	void maintenance(String serviceId, boolean enable, String reason) {
		locked(() -> {
			ServiceEntry service = this.services.get(serviceId);
			if (service == null) {
				throw ConsulHttpHandler.unknownService(serviceId);
			}
			String checkId = MAINTENANCE_PREFIX + serviceId;
			if (enable == this.checks.containsKey(checkId)) {
				return null;
			}
			if (enable) {
				CheckEntry check = CheckEntry.maintenance(checkId, service.definition(),
						reason.isEmpty() ? DEFAULT_MAINTENANCE_REASON : reason);
				check.createIndex = ++this.index;
				check.modifyIndex = this.index;
				this.checks.put(checkId, check);
			}
			else {
				this.checks.remove(checkId);
				++this.index;
			}
			record(AgentEvent.Type.MAINTENANCE, serviceId, enable ? "enabled" : "disabled");
			touch(service.definition().name(), false);
			return null;
		});
	}

	/**
	 * Services with a check critical longer than its
	 * {@code DeregisterCriticalServiceAfter}, raised to {@code minimum} if shorter, as
	 * Consul's reaper finds them: strictly longer, counted from the check's first
	 * critical result since it was registered; checks without the setting (maintenance
	 * among them) never count.
	 */
	List<String> criticalTooLong(Duration minimum) {
		return criticalTooLong(minimum, null);
	}

	/**
	 * As {@link #criticalTooLong(Duration)}, with every registered time replaced by
	 * {@code override} when it is not {@code null} (a test's shortcut: no minimum then).
	 */
	List<String> criticalTooLong(Duration minimum, Duration override) {
		return locked(() -> {
			List<String> ids = new ArrayList<>();
			for (CheckEntry check : this.checks.values()) {
				Duration after = (check.definition != null) ? check.definition.deregisterCriticalServiceAfter()
						: Duration.ZERO;
				if (after.isZero() || after.isNegative() || check.criticalSince == null) {
					continue;
				}
				Duration limit = (override != null) ? override : (after.compareTo(minimum) < 0) ? minimum : after;
				if (check.criticalSince.plus(limit).isBefore(this.clock.instant()) && !ids.contains(check.serviceId)) {
					ids.add(check.serviceId);
				}
			}
			return ids;
		});
	}

	/**
	 * Read a view and the index it watches, in one consistent picture.
	 */
	<T> Read<T> read(ToLongFunction<AgentState> watched, Function<AgentState, T> view) {
		return locked(() -> new Read<>(view.apply(this), Math.max(1, watched.applyAsLong(this))));
	}

	/**
	 * Hold a query until it is ready: its wake-up runs (with the lock held, so it must
	 * only hand work over) at the first change after which it is.
	 * @return {@code false} when it is ready already (nothing is held)
	 */
	boolean hold(HeldQuery query) {
		return locked(() -> {
			if (query.isReady(this)) {
				return false;
			}
			this.held.add(query);
			return true;
		});
	}

	/**
	 * Stop holding a query (its wait ended, or its client left).
	 */
	void release(HeldQuery query) {
		locked(() -> this.held.remove(query));
	}

	/**
	 * A view and the index it was read at.
	 */
	record Read<T>(T value, long index) {

	}

	// for views, called with the lock held

	long servicesIndex() {
		return this.servicesIndex;
	}

	long checksIndex() {
		return this.checksIndex;
	}

	long nameIndex(String name) {
		return this.nameIndexes.getOrDefault(name, this.servicesIndex);
	}

	Map<String, ServiceEntry> services() {
		return this.services;
	}

	List<CheckEntry> checksOf(String serviceId) {
		List<CheckEntry> of = new ArrayList<>();
		of.add(this.serfHealth);
		this.checks.values().stream().filter((check) -> serviceId.equals(check.serviceId)).forEach(of::add);
		return of;
	}

	Map<String, CheckEntry> checks() {
		return this.checks;
	}

	private void touch(String serviceName, boolean catalog) {
		this.nameIndexes.put(serviceName, this.index);
		this.checksIndex = this.index;
		if (catalog) {
			this.servicesIndex = this.index;
		}
		this.held.removeIf((query) -> query.isReady(this) && query.wake());
	}

	private <T> T locked(java.util.function.Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

}
