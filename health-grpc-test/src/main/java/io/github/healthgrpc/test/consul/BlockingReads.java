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
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reads that can block, as Consul's: catalog and health reads with an {@code index},
 * held until the index moves past it, and {@code /v1/agent/service/<id>} with a
 * {@code hash}, held until the content hash differs; either until its wait ends. A held
 * read waits in {@link AgentState} without a thread and is answered on a worker; one
 * whose client leaves is dropped.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class BlockingReads {

	private final AgentState state;

	private final JsonViews views;

	private final ObjectMapper json;

	private final AclTokens acl;

	private final Executor workers;

	private final ScheduledExecutorService timer;

	BlockingReads(AgentState state, JsonViews views, ObjectMapper json, AclTokens acl, Executor workers,
			ScheduledExecutorService timer) {
		this.state = state;
		this.views = views;
		this.json = json;
		this.acl = acl;
		this.workers = workers;
		this.timer = timer;
	}

	/**
	 * A read of the catalog or health, with Consul's query meta headers: with an index it
	 * is held until the index moves past it or the wait ends. Without a token under ACLs
	 * its list is empty, as Consul filters out what the anonymous token may not read.
	 */
	void indexed(ConsulRequest request, HttpConnection.Exchange exchange, ToLongFunction<AgentState> index,
			Function<AgentState, JsonNode> view, boolean array) {
		Duration wait = request.blockingWait();
		long after = request.index();
		Function<AgentState, JsonNode> shown = this.acl.resolve(request) ? view
				: (s) -> array ? this.json.createArrayNode() : this.json.createObjectNode();
		Runnable answer = () -> {
			AgentState.Read<JsonNode> read = this.state.read(index, shown);
			exchange.respond(ConsulHttpHandler.ok(write(read.value()))
				.header("X-Consul-Index", Long.toUnsignedString(read.index()))
				.header("X-Consul-KnownLeader", "true")
				.header("X-Consul-LastContact", "0"));
		};
		if (after == 0) {
			answer.run();
		}
		else {
			hold(exchange, (s) -> Long.compareUnsigned(index.applyAsLong(s), after) > 0, wait, answer);
		}
	}

	/**
	 * {@code /v1/agent/service/<id>}: with {@code hash}, held until the content hash
	 * differs or the wait ends; the hash goes in {@code X-Consul-ContentHash} and the
	 * body's {@code ContentHash}.
	 */
	void agentService(ConsulRequest request, String serviceId, HttpConnection.Exchange exchange) {
		Duration wait = request.localWait();
		request.index();
		boolean allowed = this.acl.resolve(request);
		String hash = valueOr(request.param("hash"), "");
		Runnable answer = () -> {
			try {
				JsonNode service = this.state
					.read(AgentState::servicesIndex, (s) -> this.views.agentService(s, serviceId, allowed))
					.value();
				exchange.respond(ConsulHttpHandler.ok(write(service))
					.header("X-Consul-ContentHash", service.get("ContentHash").asText()));
			}
			catch (ConsulError ex) {
				exchange.respond(ConsulHttpHandler.error(ex));
			}
		};
		if (hash.isEmpty() || wait.isZero()) {
			answer.run();
		}
		else {
			hold(exchange, (s) -> !hash.equals(this.views.agentServiceHash(s, serviceId, allowed)), wait, answer);
		}
	}

	/**
	 * Hold a query without a thread until it is ready, its wait ends, or its client
	 * leaves; it is answered on a worker.
	 */
	private void hold(HttpConnection.Exchange exchange, Predicate<AgentState> ready, Duration wait, Runnable answer) {
		HeldQuery query = new HeldQuery(ready, () -> this.workers.execute(answer));
		if (!this.state.hold(query)) {
			answer.run();
			return;
		}
		exchange.onGone(() -> {
			this.state.release(query);
			query.drop();
		});
		query.timeout(this.timer.schedule(() -> {
			this.state.release(query);
			query.wake();
		}, wait.toNanos(), TimeUnit.NANOSECONDS));
	}

	private String write(JsonNode node) {
		try {
			return this.json.writeValueAsString(node);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String valueOr(String value, String otherwise) {
		return (value != null) ? value : otherwise;
	}

}
