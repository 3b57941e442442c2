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
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One check of a service registration, validated as Consul validates it.
 *
 * @param type {@code grpc}, {@code http}, {@code tcp} or {@code ttl}
 * @param initialStatus the status it starts with ({@code critical} unless given)
 * @param interval time between probes
 * @param timeout time one probe may take (10 s when not given)
 * @param ttl time a TTL check stays as last set
 * @param target what is probed: the GRPC target, the HTTP URL or the TCP address
 * @param method the HTTP method
 * @param headers the HTTP headers
 * @param useTls whether a GRPC check uses TLS
 * @param tlsSkipVerify whether TLS certificates go unverified
 * @param deregisterCriticalServiceAfter how long the check may stay critical before its
 * service is removed, or zero
 * @author health-grpc authors
 */
record CheckDefinition(String type, String initialStatus, Duration interval, Duration timeout, Duration ttl,
		String target, String method, Map<String, List<String>> headers, boolean useTls, boolean tlsSkipVerify,
		Duration deregisterCriticalServiceAfter) {

	static final Set<String> FIELDS = Set.of("CheckID", "Name", "Notes", "Script", "Args", "DockerContainerID", "Shell",
			"Interval", "TTL", "HTTP", "Method", "Header", "Body", "TCP", "UDP", "Timeout",
			"DeregisterCriticalServiceAfter", "TLSSkipVerify", "TLSServerName", "Status", "GRPC", "GRPCUseTLS",
			"SuccessBeforePassing", "FailuresBeforeWarning", "FailuresBeforeCritical", "H2PING", "OSService");

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Read a check, or return {@code null} for one whose fields are all empty (Consul
	 * ignores it).
	 */
	static CheckDefinition parse(JsonNode node) {
		JsonFields fields = JsonFields.of(node, FIELDS, "structs.CheckType");
		String status = fields.text("Status");
		if (!status.isEmpty() && !Set.of("passing", "warning", "critical").contains(status)) {
			throw ConsulError.badRequest("Status for checks must 'passing', 'warning', 'critical'");
		}
		if (!fields.text("Script").isEmpty() || fields.node("Args") != null || !fields.text("Shell").isEmpty()
				|| !fields.text("DockerContainerID").isEmpty()) {
			throw ConsulError.badRequest("Invalid check: Scripts are disabled on this agent; to enable, configure "
					+ "'enable_script_checks' or 'enable_local_script_checks' to true");
		}
		Duration interval = fields.duration("Interval");
		Duration ttl = fields.duration("TTL");
		String type = typeOf(fields);
		if (type == null && interval.isZero() && ttl.isZero()
				&& fields.duration("DeregisterCriticalServiceAfter").isZero() && status.isEmpty()) {
			return null;
		}
		validate(type, interval, ttl);
		Duration timeout = fields.duration("Timeout");
		return new CheckDefinition((type != null) ? type : "ttl", status.isEmpty() ? "critical" : status, interval,
				timeout.isZero() ? DEFAULT_TIMEOUT : timeout, ttl, target(fields, type),
				fields.text("Method").isEmpty() ? "GET" : fields.text("Method"), fields.headerMap("Header"),
				fields.bool("GRPCUseTLS"), fields.bool("TLSSkipVerify"),
				fields.duration("DeregisterCriticalServiceAfter"));
	}

	private static String typeOf(JsonFields fields) {
		if (!fields.text("GRPC").isEmpty()) {
			return "grpc";
		}
		if (!fields.text("HTTP").isEmpty()) {
			return "http";
		}
		if (!fields.text("TCP").isEmpty()) {
			return "tcp";
		}
		return !fields.duration("TTL").isZero() ? "ttl" : null;
	}

	private static void validate(String type, Duration interval, Duration ttl) {
		if (!interval.isZero() && !ttl.isZero()) {
			throw ConsulError.badRequest("Invalid check: Interval and TTL cannot both be specified");
		}
		if (type != null && !type.equals("ttl") && (interval.isZero() || interval.isNegative())) {
			throw ConsulError.badRequest(
					"Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks");
		}
		if (type == null || (type.equals("ttl") && ttl.isNegative())) {
			throw ConsulError.badRequest("Invalid check: TTL must be > 0 for TTL checks");
		}
	}

	private static String target(JsonFields fields, String type) {
		if (type == null) {
			return "";
		}
		return switch (type) {
			case "grpc" -> fields.text("GRPC");
			case "http" -> fields.text("HTTP");
			case "tcp" -> fields.text("TCP");
			default -> "";
		};
	}

}
