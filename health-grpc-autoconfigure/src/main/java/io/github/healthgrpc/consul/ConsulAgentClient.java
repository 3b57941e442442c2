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

package io.github.healthgrpc.consul;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.ecwid.consul.json.GsonFactory;
import com.ecwid.consul.v1.agent.model.NewService;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.springframework.util.Assert;

/**
 * The few calls health-grpc makes to the Consul agent itself, each with a bounded time:
 * whether an instance is still registered, registering it again, and blocking health
 * queries. Spring Cloud Consul's own client (consul-api) waits up to ten minutes for an
 * answer; these never outlive their timeout, so a slow agent costs a log line, not a
 * thread.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ConsulAgentClient implements AutoCloseable {

	private final URI base;

	private final String token;

	private final Duration timeout;

	private final HttpClient http;

	/**
	 * Create a client.
	 * @param base the agent's HTTP API, for example {@code http://127.0.0.1:8500}
	 * @param token the ACL token, or empty
	 * @param timeout how long a non-blocking call may take
	 * @param executor where responses are handled
	 */
	public ConsulAgentClient(URI base, String token, Duration timeout, Executor executor) {
		Assert.notNull(base, "'base' must not be null");
		// calls resolve against it: a path prefix (/consul/) must survive
		this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
		this.token = (token != null) ? token : "";
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor).build();
	}

	/**
	 * Return the agent's address, for log lines.
	 * @return the base URI
	 */
	public URI base() {
		return this.base;
	}

	/**
	 * Return whether the agent has an instance registered.
	 * @param serviceId the instance id
	 * @return whether it is registered
	 * @throws ConsulAgentException when the agent cannot be asked or answers oddly
	 */
	public boolean isRegistered(String serviceId) {
		HttpResponse<String> response = send(request("/v1/agent/service/" + encode(serviceId)).GET());
		return switch (response.statusCode()) {
			case 200 -> describes(response, serviceId);
			case 404 -> false;
			default -> throw unexpected(response);
		};
	}

	/**
	 * Register (or replace) an instance, with the same JSON as Spring Cloud Consul sends.
	 * @param service the instance
	 * @throws ConsulAgentException when the agent cannot be reached or refuses it
	 */
	public void register(NewService service) {
		String json = GsonFactory.getGson().toJson(service);
		HttpResponse<String> response = send(request("/v1/agent/service/register")
			.PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
		if (response.statusCode() != 200) {
			throw unexpected(response);
		}
	}

	/**
	 * Ask, blocking up to {@code wait}, for the passing instances of a service once its
	 * index moves past {@code index}.
	 * @param service the service name
	 * @param index the index last seen (0 for an answer at once)
	 * @param wait how long the agent may hold the query
	 * @return the index the agent answered with; cancelling it aborts the request
	 */
	public CompletableFuture<Long> healthIndex(String service, long index, Duration wait) {
		HttpRequest request = request("/v1/health/service/" + encode(service) + "?passing=true&index="
				+ Long.toUnsignedString(index) + "&wait=" + wait.toSeconds() + "s")
			.timeout(wait.plus(wait.dividedBy(16)).plus(this.timeout))
			.GET()
			.build();
		CompletableFuture<HttpResponse<Void>> sent = this.http.sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		CompletableFuture<Long> answer = sent.thenApply((response) -> {
			if (response.statusCode() != 200) {
				throw new ConsulAgentException("HTTP " + response.statusCode());
			}
			return response.headers()
				.firstValue("X-Consul-Index")
				.map(ConsulAgentClient::parseIndex)
				.orElseThrow(() -> new ConsulAgentException("no X-Consul-Index header"));
		});
		// cancelling the answer aborts the held request: a dependent future alone would
		// not
		answer.whenComplete((value, failure) -> {
			if (answer.isCancelled()) {
				sent.cancel(true);
			}
		});
		return answer;
	}

	/**
	 * Release the HTTP client: on JDK 21 and later its selector thread ends at once, on
	 * JDK 17 once the client is garbage collected.
	 */
	@Override
	public void close() {
		if (this.http instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing releases threads only: nothing to report
			}
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path.substring(1)))
			.timeout(this.timeout);
		if (!this.token.isEmpty()) {
			request.header("X-Consul-Token", this.token);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ConsulAgentException(
					ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConsulAgentException("interrupted");
		}
	}

	// a proxy's page or a broken agent answers 200 too: only the instance itself counts
	private static boolean describes(HttpResponse<String> response, String serviceId) {
		try {
			JsonElement json = JsonParser.parseString(response.body());
			JsonElement id = json.isJsonObject() ? json.getAsJsonObject().get("ID") : null;
			if (id != null && id.isJsonPrimitive() && serviceId.equals(id.getAsString())) {
				return true;
			}
		}
		catch (JsonParseException ex) {
			// reported below
		}
		throw new ConsulAgentException("malformed answer: " + shorten(response.body()));
	}

	private static ConsulAgentException unexpected(HttpResponse<String> response) {
		String shown = shorten(response.body());
		return new ConsulAgentException("HTTP " + response.statusCode() + (shown.isEmpty() ? "" : ": " + shown));
	}

	private static String shorten(String body) {
		String stripped = body.strip();
		return (stripped.length() > 120) ? stripped.substring(0, 120) + "..." : stripped;
	}

	private static long parseIndex(String value) {
		try {
			return Long.parseUnsignedLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new ConsulAgentException("malformed X-Consul-Index '" + value + "'");
		}
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
