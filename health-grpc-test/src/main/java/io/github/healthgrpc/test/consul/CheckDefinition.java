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
 * @param id its {@code CheckID}, or empty for Consul's {@code service:<id>[:n]}
 * @param name its name, or empty for Consul's {@code Service '<name>' check}
 * @param notes its notes
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
record CheckDefinition(String id, String name, String notes, String type, String initialStatus, Duration interval,
		Duration timeout, Duration ttl, String target, String method, Map<String, List<String>> headers, boolean useTls,
		boolean tlsSkipVerify, Duration deregisterCriticalServiceAfter) {

	// structs.CheckType of Consul CE, and the aliases its decoder reads beside it
	private static final List<JsonFields.Field> SCHEMA = List.of(
			JsonFields.Field.of("CheckID", JsonFields.Kind.STRING, "types.CheckID"), string("Name"), string("Status"),
			string("Notes"), JsonFields.Field.of("ScriptArgs", JsonFields.Kind.STRINGS), string("HTTP"),
			JsonFields.Field.of("Header", JsonFields.Kind.HEADER), string("Method"), string("Body"),
			bool("DisableRedirects"), string("TCP"), string("UDP"), duration("Interval"), string("AliasNode"),
			string("AliasService"), string("DockerContainerID"), string("Shell"), string("GRPC"), bool("GRPCUseTLS"),
			string("OSService"), string("TLSServerName"), bool("TLSSkipVerify"), duration("Timeout"), duration("TTL"),
			integer("SuccessBeforePassing"), integer("FailuresBeforeWarning"), integer("FailuresBeforeCritical"),
			string("ProxyHTTP"), string("ProxyGRPC"), duration("DeregisterCriticalServiceAfter"),
			integer("OutputMaxSize"), string("H2PING"), bool("H2PingUseTLS"),
			new JsonFields.Field("args", JsonFields.Kind.STRINGS, "[]string", false),
			JsonFields.Field.of("script_args", JsonFields.Kind.STRINGS), duration("deregister_critical_service_after"),
			string("docker_container_id"), string("tls_server_name"), bool("tls_skip_verify"), bool("grpc_use_tls"),
			bool("h2ping_use_tls"), new JsonFields.Field("ServiceID", JsonFields.Kind.STRING, "string", false),
			string("service_id"));

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Read a check, or return {@code null} for one whose fields are all empty (Consul
	 * ignores it).
	 */
	static CheckDefinition parse(JsonNode node, String path) {
		JsonFields fields = JsonFields.of(node, SCHEMA, "structs.CheckType", path);
		String status = fields.text("Status");
		if (!status.isEmpty() && !Set.of("passing", "warning", "critical").contains(status)) {
			throw ConsulError.badRequest("Status for checks must 'passing', 'warning', 'critical'");
		}
		if (fields.node("ScriptArgs") != null || fields.node("args") != null || fields.node("script_args") != null
				|| !fields.text("Shell").isEmpty() || !fields.text("DockerContainerID").isEmpty()
				|| !fields.text("docker_container_id").isEmpty()) {
			throw ConsulError.badRequest("Invalid check: Scripts are disabled on this agent; to enable, configure "
					+ "'enable_script_checks' or 'enable_local_script_checks' to true");
		}
		Duration interval = fields.duration("Interval");
		Duration ttl = fields.duration("TTL");
		String type = typeOf(fields);
		Duration deregisterAfter = (fields.node("DeregisterCriticalServiceAfter") != null)
				? fields.duration("DeregisterCriticalServiceAfter")
				: fields.duration("deregister_critical_service_after");
		if (type == null && interval.isZero() && ttl.isZero() && deregisterAfter.isZero() && status.isEmpty()) {
			return null;
		}
		validate(type, interval, ttl);
		Duration timeout = fields.duration("Timeout");
		return new CheckDefinition(fields.text("CheckID"), fields.text("Name"), fields.text("Notes"),
				(type != null) ? type : "ttl", status.isEmpty() ? "critical" : status, interval,
				timeout.isZero() ? DEFAULT_TIMEOUT : timeout, ttl, target(fields, type),
				fields.text("Method").isEmpty() ? "GET" : fields.text("Method"), fields.headerMap("Header"),
				fields.bool("GRPCUseTLS") || fields.bool("grpc_use_tls"),
				fields.bool("TLSSkipVerify") || fields.bool("tls_skip_verify"), deregisterAfter);
	}

	private static JsonFields.Field string(String name) {
		return JsonFields.Field.of(name, JsonFields.Kind.STRING);
	}

	private static JsonFields.Field bool(String name) {
		return JsonFields.Field.of(name, JsonFields.Kind.BOOL);
	}

	private static JsonFields.Field integer(String name) {
		return JsonFields.Field.of(name, JsonFields.Kind.INT);
	}

	private static JsonFields.Field duration(String name) {
		return JsonFields.Field.of(name, JsonFields.Kind.DURATION);
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
