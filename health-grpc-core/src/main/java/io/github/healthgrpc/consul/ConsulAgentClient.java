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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * The few calls health-grpc makes to the Consul agent itself, each with a bounded time:
 * whether an instance is still registered and how its checks are, registering it again,
 * and blocking health queries. Spring Cloud Consul's own client (consul-api) waits up to
 * ten minutes for an answer; these never outlive their timeout, headers and body
 * together, so a slow agent costs a log line, not a thread.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ConsulAgentClient implements AutoCloseable {

	/**
	 * The longest answer read: an agent's own checks, or one instance, are far shorter.
	 */
	static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

	private static final Map<String, Integer> SEVERITY = Map.of("passing", 1, "warning", 2, "critical", 3);

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
		this(base, token, timeout, executor, null);
	}

	/**
	 * Create a client.
	 * @param base the agent's HTTP API, for example {@code https://127.0.0.1:8501}
	 * @param token the ACL token, or empty
	 * @param timeout how long a non-blocking call may take
	 * @param executor where responses are handled
	 * @param ssl the TLS settings for an {@code https} agent, or {@code null} for the
	 * JVM's
	 */
	public ConsulAgentClient(URI base, String token, Duration timeout, Executor executor, @Nullable SSLContext ssl) {
		Assert.notNull(base, "'base' must not be null");
		// calls resolve against it: a path prefix (/consul/) must survive
		this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
		this.token = (token != null) ? token : "";
		this.timeout = timeout;
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor);
		if (ssl != null) {
			http.sslContext(ssl);
		}
		this.http = http.build();
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
	 * Return the worst status among the instance's own checks on the agent (those with
	 * ids {@code service:<id>...}; a maintenance check is the operator's, not the
	 * instance's).
	 * @param serviceId the instance id
	 * @return {@code critical}, {@code warning} or {@code passing}, or {@code null} when
	 * it has no check
	 * @throws ConsulAgentException when the agent cannot be asked or answers oddly
	 */
	@Nullable
	public String checkStatus(String serviceId) {
		String filter = "ServiceID == \"" + serviceId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		HttpResponse<String> response = send(request("/v1/agent/checks?filter=" + encode(filter)).GET());
		if (response.statusCode() != 200) {
			throw unexpected(response);
		}
		JsonObject checks = object(response);
		String worst = null;
		for (Map.Entry<String, JsonElement> entry : checks.entrySet()) {
			JsonObject check = entry.getValue().isJsonObject() ? entry.getValue().getAsJsonObject() : null;
			if (check == null || !serviceId.equals(text(check, "ServiceID"))
					|| !text(check, "CheckID").startsWith("service:")) {
				continue;
			}
			String status = text(check, "Status");
			if (severity(status) > severity(worst)) {
				worst = status;
			}
		}
		return worst;
	}

	/**
	 * Register (or replace) an instance, with the same JSON as Spring Cloud Consul sends.
	 * @param service the instance
	 * @throws ConsulAgentException when the agent cannot be reached or refuses it
	 */
	public void register(ServiceDefinition service) {
		String json = service.toJson();
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
	 * @return the index the agent answered with, within {@link #answerBound(Duration)}
	 * (headers and body), or a {@link TimeoutException}; cancelling it aborts the request
	 */
	public CompletableFuture<Long> healthIndex(String service, long index, Duration wait) {
		HttpRequest request = request("/v1/health/service/" + encode(service) + "?passing=true&index="
				+ Long.toUnsignedString(index) + "&wait=" + wait.toSeconds() + "s")
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
		// the client's own timeout ends with the headers: this one covers the body too
		answer.orTimeout(answerBound(wait).toMillis(), TimeUnit.MILLISECONDS);
		// cancelling or timing out the answer aborts the held request: a dependent
		// future alone would not
		answer.whenComplete((value, failure) -> {
			if (failure != null) {
				sent.cancel(true);
			}
		});
		return answer;
	}

	/**
	 * Return how long a blocking query may take in all: Consul adds up to a sixteenth of
	 * the wait, and the answer needs the usual time on top.
	 * @param wait how long the agent may hold the query
	 * @return the bound
	 */
	public Duration answerBound(Duration wait) {
		return wait.plus(wait.dividedBy(16)).plus(this.timeout);
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
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path.substring(1)));
		if (!this.token.isEmpty()) {
			request.header("X-Consul-Token", this.token);
		}
		return request;
	}

	// the JDK client's own timeout ends with the headers: an agent that sends them and
	// then stalls would hold the caller for ever
	private HttpResponse<String> send(HttpRequest.Builder request) {
		CompletableFuture<HttpResponse<String>> sent = this.http.sendAsync(request.build(),
				BoundedBody.upTo(MAX_ANSWER_BYTES));
		try {
			return sent.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			throw new ConsulAgentException("no complete answer within " + this.timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof ConsulAgentException agentException) {
				throw agentException;
			}
			throw new ConsulAgentException(
					cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			Thread.currentThread().interrupt();
			throw new ConsulAgentException("interrupted");
		}
	}

	// a proxy's page or a broken agent answers 200 too: only the instance itself counts
	private static boolean describes(HttpResponse<String> response, String serviceId) {
		JsonObject json = object(response);
		JsonElement id = json.get("ID");
		if (id != null && id.isJsonPrimitive() && serviceId.equals(id.getAsString())) {
			return true;
		}
		throw malformed(response);
	}

	private static JsonObject object(HttpResponse<String> response) {
		try {
			JsonElement json = JsonParser.parseString(response.body());
			if (json.isJsonObject()) {
				return json.getAsJsonObject();
			}
		}
		catch (JsonParseException ex) {
			// reported below
		}
		throw malformed(response);
	}

	private static int severity(@Nullable String status) {
		return (status != null) ? SEVERITY.getOrDefault(status, 0) : 0;
	}

	private static String text(JsonObject object, String name) {
		JsonElement value = object.get(name);
		return (value != null && value.isJsonPrimitive()) ? value.getAsString() : "";
	}

	private static ConsulAgentException malformed(HttpResponse<String> response) {
		return new ConsulAgentException("malformed answer: " + shorten(response.body()));
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
