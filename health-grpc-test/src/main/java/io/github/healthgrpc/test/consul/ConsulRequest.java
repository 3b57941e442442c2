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
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;

/**
 * One request as Consul reads it: the path below {@code /v1/}, the query parameters (a
 * parameter may repeat, as {@code tag} does), a bounded body, and the blocking-query
 * parameters {@code index} and {@code wait}.
 *
 * @author health-grpc authors
 */
final class ConsulRequest {

	static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	final String method;

	final String path;

	private final Map<String, List<String>> query;

	private final HttpExchange exchange;

	ConsulRequest(HttpExchange exchange) {
		this.exchange = exchange;
		this.method = exchange.getRequestMethod();
		String raw = exchange.getRequestURI().getRawPath();
		this.path = decode((raw.startsWith("/v1/") ? raw.substring(4) : raw).replace("+", "%2B"));
		this.query = parseQuery(exchange.getRequestURI().getRawQuery());
	}

	/**
	 * The rest of the path after a prefix, or {@code null} when it does not start so.
	 */
	String after(String prefix) {
		return this.path.startsWith(prefix) ? this.path.substring(prefix.length()) : null;
	}

	/**
	 * A request header, whatever its case, or {@code null}.
	 */
	String header(String name) {
		return this.exchange.getRequestHeaders().getFirst(name);
	}

	boolean has(String name) {
		return this.query.containsKey(name);
	}

	String param(String name) {
		List<String> values = this.query.get(name);
		return (values != null) ? values.get(0) : null;
	}

	List<String> params(String name) {
		return this.query.getOrDefault(name, List.of());
	}

	/**
	 * {@code passing}: absent is false, present without a value is true.
	 */
	boolean passing() {
		if (!has("passing")) {
			return false;
		}
		String value = param("passing");
		return switch (value) {
			case "", "1", "t", "T", "TRUE", "true", "True" -> true;
			case "0", "f", "F", "FALSE", "false", "False" -> false;
			default -> throw ConsulError.badRequest("Invalid value for ?passing");
		};
	}

	long index() {
		String value = param("index");
		if (value == null || value.isEmpty()) {
			return 0;
		}
		try {
			return Long.parseUnsignedLong(value);
		}
		catch (NumberFormatException ex) {
			throw ConsulError.badRequest("Invalid index");
		}
	}

	/**
	 * {@code wait}: 5 minutes by default, 10 at most, plus up to a sixteenth of it as
	 * jitter, as Consul adds.
	 */
	Duration waitTime() {
		String value = param("wait");
		Duration wait = DEFAULT_WAIT;
		if (value != null && !value.isEmpty()) {
			try {
				wait = GoDuration.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw ConsulError.badRequest("Invalid wait time");
			}
		}
		if (wait.compareTo(MAX_WAIT) > 0) {
			wait = MAX_WAIT;
		}
		long jitter = wait.toNanos() / 16;
		return wait.plusNanos((jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter) : 0);
	}

	byte[] body() throws IOException {
		try (InputStream in = this.exchange.getRequestBody()) {
			byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
			if (body.length > MAX_BODY_BYTES) {
				// read what is left (up to a bound) so that the client gets its answer
				byte[] buffer = new byte[64 * 1024];
				long read = 0;
				int n;
				while (read < 16L * MAX_BODY_BYTES && (n = in.read(buffer)) != -1) {
					read += n;
				}
				throw ConsulError.badRequest("Request decode failed: request body too large");
			}
			return body;
		}
	}

	private static Map<String, List<String>> parseQuery(String raw) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	/**
	 * Decode as Go does: in a query {@code +} is a space, in a path it stays a plus (the
	 * caller escapes it first).
	 */
	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ConsulError.badRequest("Invalid request path or query");
		}
	}

}
