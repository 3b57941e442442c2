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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent's HTTP API: the subset of Consul's endpoints that Spring Cloud Consul,
 * consul-api and net.devh's resolver use, routed as Consul's mux routes them (each path
 * with its method; another is 405 with an {@code Allow} header, {@code OPTIONS} lists
 * them), with Consul's status codes, plain-text reasons and headers; the reads that can
 * block are {@link BlockingReads}'. Nothing a client sends can break it: an unexpected
 * failure is a 500 with a short reason.
 *
 * @author health-grpc authors
 */
final class ConsulHttpHandler implements AgentHttpServer.Handler {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	private static final String LEADER = "\"127.0.0.1:8300\"";

	private final AgentState state;

	private final CheckRunner checks;

	private final ObjectMapper json;

	private final JsonViews views;

	private final AclTokens acl;

	private final BlockingReads reads;

	private final List<Route> routes = List.of(new Route("agent/service/register", false, "PUT", this::register),
			new Route("agent/service/deregister/", true, "PUT", this::deregister),
			new Route("agent/service/maintenance/", true, "PUT", this::maintenance),
			new Route("agent/service/", true, "GET", this::agentService),
			new Route("agent/services", false, "GET", this::agentServices),
			new Route("agent/checks", false, "GET", this::agentChecks),
			new Route("agent/self", false, "GET", this::self),
			new Route("agent/check/pass/", true, "PUT", (r, id, e) -> ttl(r, id, e, "passing")),
			new Route("agent/check/warn/", true, "PUT", (r, id, e) -> ttl(r, id, e, "warning")),
			new Route("agent/check/fail/", true, "PUT", (r, id, e) -> ttl(r, id, e, "critical")),
			new Route("health/service/", true, "GET", this::healthService),
			new Route("health/checks/", true, "GET", this::healthChecks),
			new Route("catalog/services", false, "GET", this::catalogServices),
			new Route("catalog/service/", true, "GET", this::catalogService),
			new Route("status/leader", false, "GET", (r, rest, e) -> e.respond(ok(LEADER))),
			new Route("status/peers", false, "GET", (r, rest, e) -> e.respond(ok("[" + LEADER + "]"))));

	ConsulHttpHandler(AgentState state, CheckRunner checks, ObjectMapper json, AclTokens acl, Executor workers,
			ScheduledExecutorService timer) {
		this.state = state;
		this.checks = checks;
		this.json = json;
		this.views = new JsonViews(json);
		this.acl = acl;
		this.reads = new BlockingReads(state, this.views, json, acl, workers, timer);
	}

	/**
	 * One endpoint: the request, the rest of the path after a prefix pattern, and the
	 * exchange to answer.
	 */
	@FunctionalInterface
	private interface Endpoint {

		void serve(ConsulRequest request, String rest, HttpConnection.Exchange exchange) throws IOException;

	}

	/**
	 * A path pattern of Consul's mux (a prefix when it ends with a slash) and its method.
	 */
	private record Route(String pattern, boolean prefix, String method, Endpoint endpoint) {

		boolean matches(String path) {
			return this.prefix ? path.startsWith(this.pattern) : path.equals(this.pattern);
		}

		String allow() {
			return "OPTIONS," + this.method;
		}

	}

	@Override
	public void handle(RawRequest raw, HttpConnection.Exchange exchange) {
		try {
			ConsulRequest request = new ConsulRequest(raw);
			Route route = route(raw.rawPath().startsWith("/v1/") ? request.path : null);
			if (route == null) {
				exchange.respond(notFound(raw.rawPath()));
			}
			else if (request.method.equals("OPTIONS")) {
				exchange.respond(RawResponse.of(200, "", "").header("Allow", route.allow()));
			}
			else if (!request.method.equals(route.method())) {
				exchange.respond(RawResponse.text(405, "method " + request.method + " not allowed")
					.header("Allow", route.allow()));
			}
			else {
				route.endpoint().serve(request, request.path.substring(route.pattern().length()), exchange);
			}
		}
		catch (ConsulError ex) {
			exchange.respond(error(ex));
		}
		catch (JsonProcessingException ex) {
			exchange.respond(RawResponse.text(400, "Request decode failed: " + ex.getOriginalMessage()));
		}
		catch (IOException | RuntimeException | Error ex) {
			logger.log(System.Logger.Level.WARNING, "Request " + raw.rawPath() + " failed", ex);
			exchange.respond(RawResponse.text(500, "internal error: " + ex.getClass().getSimpleName()));
		}
	}

	/**
	 * The longest pattern the path matches, as Go's mux chooses.
	 */
	private Route route(String path) {
		Route best = null;
		if (path != null) {
			for (Route route : this.routes) {
				if (route.matches(path) && (best == null || route.pattern().length() > best.pattern().length())) {
					best = route;
				}
			}
		}
		return best;
	}

	private static RawResponse notFound(String rawPath) {
		if (rawPath.equals("/")) {
			return RawResponse.text(200, "Consul Agent: UI disabled. "
					+ "To enable, set ui_config.enabled=true in the agent configuration and restart.");
		}
		return RawResponse.text(404, rawPath.contains("/v1/") ? "Invalid URL path: not a recognized HTTP API endpoint\n"
				: "Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n");
	}

	// writes

	private void register(ConsulRequest request, String rest, HttpConnection.Exchange exchange) throws IOException {
		ServiceDefinition definition = ServiceDefinition.parse(parse(request.body()));
		if (!this.acl.resolve(request)) {
			throw AclTokens.denied("service", "write", definition.name());
		}
		this.checks.register(definition);
		exchange.respond(ok(""));
	}

	private void deregister(ConsulRequest request, String serviceId, HttpConnection.Exchange exchange) {
		vetServiceWrite(request, serviceId);
		this.checks.deregister(serviceId);
		exchange.respond(ok(""));
	}

	private void maintenance(ConsulRequest request, String serviceId, HttpConnection.Exchange exchange) {
		if (serviceId.isEmpty()) {
			throw ConsulError.badRequest("Missing service ID");
		}
		boolean enable = enable(request);
		vetServiceWrite(request, serviceId);
		this.state.maintenance(serviceId, enable, valueOr(request.param("reason"), ""));
		exchange.respond(ok(""));
	}

	private void ttl(ConsulRequest request, String checkId, HttpConnection.Exchange exchange, String status) {
		vetCheckWrite(request, checkId);
		this.checks.ttl(checkId, status, valueOr(request.param("note"), ""));
		exchange.respond(ok(""));
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
			// every check the agent holds belongs to a service
			throw AclTokens.denied("service", "write", check.serviceName);
		}
	}

	static ConsulError unknownService(String serviceId) {
		return ConsulError.notFound("Unknown service ID \"" + serviceId
				+ "\". Ensure that the service ID is passed, not the service name.");
	}

	// reads with an index

	private void healthService(ConsulRequest request, String name, HttpConnection.Exchange exchange) {
		boolean passing = request.passing();
		List<String> tags = request.params("tag");
		this.reads.indexed(request, exchange, (s) -> s.nameIndex(name),
				(s) -> this.views.healthService(s, name, passing, tags), true);
	}

	private void healthChecks(ConsulRequest request, String name, HttpConnection.Exchange exchange) {
		this.reads.indexed(request, exchange, (s) -> s.nameIndex(name), (s) -> this.views.healthChecks(s, name), true);
	}

	private void catalogService(ConsulRequest request, String name, HttpConnection.Exchange exchange) {
		this.reads.indexed(request, exchange, (s) -> s.nameIndex(name), (s) -> this.views.catalogService(s, name),
				true);
	}

	private void catalogServices(ConsulRequest request, String rest, HttpConnection.Exchange exchange) {
		this.reads.indexed(request, exchange, AgentState::servicesIndex, this.views::catalogServices, false);
	}

	// reads of the agent's own state, not indexed

	private void agentService(ConsulRequest request, String serviceId, HttpConnection.Exchange exchange) {
		this.reads.agentService(request, serviceId, exchange);
	}

	private void agentServices(ConsulRequest request, String rest, HttpConnection.Exchange exchange) {
		JsonNode services = this.acl.resolve(request)
				? this.state.read(AgentState::servicesIndex, this.views::agentServices).value()
				: this.json.createObjectNode();
		exchange.respond(ok(write(services)));
	}

	private void agentChecks(ConsulRequest request, String rest, HttpConnection.Exchange exchange) {
		JsonNode checks = this.acl.resolve(request)
				? this.state.read(AgentState::checksIndex, this.views::agentChecks).value()
				: this.json.createObjectNode();
		exchange.respond(ok(write(checks)));
	}

	private void self(ConsulRequest request, String rest, HttpConnection.Exchange exchange) {
		if (!this.acl.resolve(request)) {
			throw AclTokens.denied("agent", "read", AgentState.NODE);
		}
		exchange.respond(ok(write(this.views.self())));
	}

	private JsonNode parse(byte[] body) throws IOException {
		if (body.length == 0) {
			throw ConsulError.badRequest("Request decode failed: EOF");
		}
		return this.json.readTree(body);
	}

	String write(JsonNode node) {
		try {
			return this.json.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static RawResponse ok(String body) {
		return RawResponse.of(200, body, RawResponse.JSON);
	}

	static RawResponse error(ConsulError error) {
		return RawResponse.text(error.status(), error.getMessage());
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

	private static String valueOr(String value, String otherwise) {
		return (value != null) ? value : otherwise;
	}

}
