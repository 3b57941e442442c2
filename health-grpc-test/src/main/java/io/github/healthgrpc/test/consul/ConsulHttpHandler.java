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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The agent's HTTP API: routes the subset of Consul's endpoints that Spring Cloud Consul,
 * consul-api and net.devh's resolver use, with Consul's methods (writes are PUT, reads
 * GET, anything else 405), status codes and plain-text reasons. Nothing a client sends
 * can break it: an unexpected failure is a 500 with a short reason.
 *
 * @author health-grpc authors
 */
final class ConsulHttpHandler implements HttpHandler {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	private final AgentState state;

	private final CheckRunner checks;

	private final ObjectMapper json;

	private final JsonViews views;

	private final AclTokens acl;

	ConsulHttpHandler(AgentState state, CheckRunner checks, ObjectMapper json, AclTokens acl) {
		this.state = state;
		this.checks = checks;
		this.json = json;
		this.views = new JsonViews(json);
		this.acl = acl;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try {
			ConsulRequest request = new ConsulRequest(exchange);
			Answer answer = route(request);
			respond(exchange, 200, answer.body(), answer.index());
		}
		catch (ConsulError ex) {
			respond(exchange, ex.status(), ex.getMessage(), -1);
		}
		catch (JsonProcessingException ex) {
			respond(exchange, 400, "Request decode failed: " + ex.getOriginalMessage(), -1);
		}
		catch (RuntimeException | Error ex) {
			logger.log(System.Logger.Level.WARNING, "Request " + exchange.getRequestURI() + " failed", ex);
			respond(exchange, 500, "internal error: " + ex.getClass().getSimpleName(), -1);
		}
		finally {
			exchange.close();
		}
	}

	/**
	 * A 200 answer: its body (empty, a JSON text, or JSON) and its index, or -1.
	 */
	private record Answer(String body, long index) {

	}

	private Answer route(ConsulRequest request) throws IOException {
		String rest;
		if ((rest = request.after("agent/service/register")) != null && rest.isEmpty()) {
			put(request);
			ServiceDefinition definition = ServiceDefinition.parse(parse(request.body()));
			if (!this.acl.resolve(request)) {
				throw AclTokens.denied("service", "write", definition.name());
			}
			this.checks.apply(this.state.register(definition));
			return new Answer("", -1);
		}
		if ((rest = request.after("agent/service/deregister/")) != null) {
			put(request);
			vetServiceWrite(request, rest);
			this.checks.stop(this.state.deregister(rest));
			return new Answer("", -1);
		}
		if ((rest = request.after("agent/service/maintenance/")) != null) {
			put(request);
			if (rest.isEmpty()) {
				throw ConsulError.badRequest("Missing service ID");
			}
			boolean enable = enable(request);
			vetServiceWrite(request, rest);
			this.state.maintenance(rest, enable, valueOr(request.param("reason"), ""));
			return new Answer("", -1);
		}
		for (String status : new String[] { "pass", "warn", "fail" }) {
			if ((rest = request.after("agent/check/" + status + "/")) != null) {
				put(request);
				vetCheckWrite(request, rest);
				this.checks.ttl(rest, switch (status) {
					case "pass" -> "passing";
					case "warn" -> "warning";
					default -> "critical";
				}, valueOr(request.param("note"), ""));
				return new Answer("", -1);
			}
		}
		return read(request);
	}

	/**
	 * Consul's order: the token first (an unknown one is refused), then the service (an
	 * unknown one is 404 even to the anonymous token), then the permission.
	 */
	private void vetServiceWrite(ConsulRequest request, String serviceId) {
		if (!this.acl.resolve(request)) {
			String name = this.state.serviceName(serviceId);
			if (name == null) {
				throw unknownService(serviceId);
			}
			throw AclTokens.denied("service", "write", name);
		}
	}

	private void vetCheckWrite(ConsulRequest request, String checkId) {
		if (!this.acl.resolve(request)) {
			CheckEntry check = this.state.check(checkId);
			if (check == null) {
				throw CheckRunner.unknownCheck(checkId);
			}
			throw check.serviceName.isEmpty() ? AclTokens.denied("node", "write", AgentState.NODE)
					: AclTokens.denied("service", "write", check.serviceName);
		}
	}

	static ConsulError unknownService(String serviceId) {
		return ConsulError.notFound("Unknown service ID \"" + serviceId
				+ "\". Ensure that the service ID is passed, not the service name.");
	}

	private Answer read(ConsulRequest request) throws JsonProcessingException {
		String health = request.after("health/service/");
		if (health != null) {
			get(request);
			boolean passing = request.passing();
			return blocking(request, (s) -> s.nameIndex(health),
					(s) -> this.views.healthService(s, health, passing, request.params("tag")), true);
		}
		String checksOf = request.after("health/checks/");
		if (checksOf != null) {
			get(request);
			return blocking(request, (s) -> s.nameIndex(checksOf), (s) -> this.views.healthChecks(s, checksOf), true);
		}
		String catalog = request.after("catalog/service/");
		if (catalog != null) {
			get(request);
			return blocking(request, (s) -> s.nameIndex(catalog), (s) -> this.views.catalogService(s, catalog), true);
		}
		if ("catalog/services".equals(request.path)) {
			get(request);
			return blocking(request, AgentState::servicesIndex, this.views::catalogServices, false);
		}
		String serviceId = request.after("agent/service/");
		if (serviceId != null) {
			get(request);
			return agentService(request, serviceId);
		}
		return simpleRead(request);
	}

	private Answer agentService(ConsulRequest request, String serviceId) throws JsonProcessingException {
		boolean allowed = this.acl.resolve(request);
		AgentState.Read<JsonNode> read = this.state.read(AgentState::servicesIndex, 0, java.time.Duration.ZERO, (s) -> {
			AgentState.ServiceEntry service = s.services().get(serviceId);
			if (service == null) {
				throw ConsulError.notFound("unknown service ID: " + serviceId);
			}
			if (!allowed) {
				throw AclTokens.denied("service", "read", service.definition().name());
			}
			return this.views.agentService(service);
		});
		return new Answer(this.json.writeValueAsString(read.value()), -1);
	}

	private Answer simpleRead(ConsulRequest request) throws JsonProcessingException {
		switch (request.path) {
			case "agent/services" -> {
				get(request);
				return blocking(request, AgentState::servicesIndex, this.views::agentServices, false);
			}
			case "agent/checks" -> {
				get(request);
				return blocking(request, AgentState::checksIndex, this.views::agentChecks, false);
			}
			case "agent/self" -> {
				get(request);
				if (!this.acl.resolve(request)) {
					throw AclTokens.denied("agent", "read", AgentState.NODE);
				}
				return new Answer(this.json.writeValueAsString(this.views.self()), -1);
			}
			case "status/leader" -> {
				get(request);
				return new Answer("\"127.0.0.1:8300\"", -1);
			}
			case "status/peers" -> {
				get(request);
				return new Answer("[\"127.0.0.1:8300\"]", -1);
			}
			default -> throw new ConsulError(404, "404 page not found");
		}
	}

	/**
	 * A read that can block; without a token under ACLs, its list comes back empty, as
	 * Consul filters out what the anonymous token may not read.
	 */
	private Answer blocking(ConsulRequest request, ToLongFunction<AgentState> index,
			Function<AgentState, JsonNode> view, boolean array) throws JsonProcessingException {
		long after = request.index();
		boolean allowed = this.acl.resolve(request);
		Function<AgentState, JsonNode> filtered = allowed ? view
				: (s) -> array ? this.json.createArrayNode() : this.json.createObjectNode();
		AgentState.Read<JsonNode> read = this.state.read(index, after,
				(after > 0) ? request.waitTime() : java.time.Duration.ZERO, filtered);
		return new Answer(this.json.writeValueAsString(read.value()), read.index());
	}

	private JsonNode parse(byte[] body) throws IOException {
		if (body.length == 0) {
			throw ConsulError.badRequest("Request decode failed: EOF");
		}
		return this.json.readTree(body);
	}

	private static boolean enable(ConsulRequest request) {
		String value = request.param("enable");
		if (value == null) {
			throw ConsulError.badRequest("Missing value for enable");
		}
		return switch (value) {
			case "1", "t", "T", "TRUE", "true", "True" -> true;
			case "0", "f", "F", "FALSE", "false", "False" -> false;
			default -> throw ConsulError.badRequest("Invalid value for enable: \"" + value + "\"");
		};
	}

	private static void put(ConsulRequest request) {
		if (!"PUT".equals(request.method)) {
			throw new ConsulError(405, "");
		}
	}

	private static void get(ConsulRequest request) {
		if (!"GET".equals(request.method)) {
			throw new ConsulError(405, "");
		}
	}

	private static String valueOr(String value, String otherwise) {
		return (value != null) ? value : otherwise;
	}

	private static void respond(HttpExchange exchange, int status, String body, long index) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		boolean isJson = status == 200 && !body.isEmpty();
		exchange.getResponseHeaders().set("Content-Type", isJson ? "application/json" : "text/plain; charset=utf-8");
		if (index >= 0) {
			exchange.getResponseHeaders().set("X-Consul-Index", Long.toUnsignedString(index));
			exchange.getResponseHeaders().set("X-Consul-KnownLeader", "true");
			exchange.getResponseHeaders().set("X-Consul-LastContact", "0");
		}
		// always a body (possibly empty) and never 204: consul-api needs an entity
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
