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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One check as the agent holds it. Mutable; {@link AgentState} guards its status fields,
 * and the {@link CheckRunner} owns the volatile ones that run it. A check registered
 * again is a new entry: a probe of the old one never touches the new one.
 *
 * @author health-grpc authors
 */
final class CheckEntry {

	final String checkId;

	final String name;

	final String serviceId;

	final String serviceName;

	final List<String> serviceTags;

	/**
	 * How it runs, or {@code null} for the agent's own checks (serfHealth, maintenance).
	 */
	final CheckDefinition definition;

	String status;

	String output = "";

	String notes = "";

	long createIndex;

	long modifyIndex;

	/**
	 * Since when it is critical without a break, or {@code null}.
	 */
	Instant criticalSince;

	// the check runner's, not the state's: whether this check stopped running (it was
	// replaced or removed), and its next probe or TTL expiry
	volatile boolean stopped;

	volatile ScheduledFuture<?> next;

	CheckEntry(String checkId, String name, String serviceId, String serviceName, List<String> serviceTags,
			CheckDefinition definition, String status) {
		this.checkId = checkId;
		this.name = name;
		this.serviceId = serviceId;
		this.serviceName = serviceName;
		this.serviceTags = serviceTags;
		this.definition = definition;
		this.status = status;
	}

	/**
	 * A service's maintenance check: critical while it exists, never probed.
	 */
	static CheckEntry maintenance(String checkId, ServiceDefinition service, String reason) {
		CheckEntry check = new CheckEntry(checkId, "Service Maintenance Mode", service.id(), service.name(),
				service.tags(), null, "critical");
		check.notes = reason;
		return check;
	}

	String type() {
		if (this.definition != null) {
			return this.definition.type();
		}
		return this.checkId.startsWith(AgentState.MAINTENANCE_PREFIX) ? "maintenance" : "";
	}

	boolean isPassing() {
		return "passing".equals(this.status);
	}

}
