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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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

	private final RawRequest raw;

	ConsulRequest(RawRequest raw) {
		this.raw = raw;
		this.method = raw.method();
		String rawPath = raw.rawPath();
		if (rawPath.startsWith("http://") || rawPath.startsWith("https://")) {
			// the absolute form a proxy would send
			int slash = rawPath.indexOf('/', rawPath.indexOf("//") + 2);
			rawPath = (slash < 0) ? "/" : rawPath.substring(slash);
		}
		this.path = decode((rawPath.startsWith("/v1/") ? rawPath.substring(4) : rawPath).replace("+", "%2B"));
		this.query = parseQuery(raw.rawQuery());
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
		return this.raw.header(name);
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
	 * How long a blocking query on the catalog or health waits, as Consul's servers read
	 * {@code wait}: absent, zero or negative is 5 minutes, more than 10 minutes is 10,
	 * plus up to a sixteenth of it as jitter.
	 */
	Duration blockingWait() {
		Duration wait = waitParameter();
		return jitter((wait == null || wait.isZero() || wait.isNegative()) ? DEFAULT_WAIT : wait);
	}

	/**
	 * How long a hash-blocking query on the agent waits, as Consul's agent reads
	 * {@code wait}: absent or zero is 5 minutes, negative is no wait at all, more than 10
	 * minutes is 10, plus jitter.
	 */
	Duration localWait() {
		Duration wait = waitParameter();
		if (wait != null && wait.isNegative()) {
			return Duration.ZERO;
		}
		return jitter((wait == null || wait.isZero()) ? DEFAULT_WAIT : wait);
	}

	/**
	 * {@code wait} as given, or {@code null}; Consul refuses a malformed one whether the
	 * query blocks or not.
	 */
	Duration waitParameter() {
		String value = param("wait");
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return GoDuration.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw ConsulError.badRequest("Invalid wait time");
		}
	}

	private static Duration jitter(Duration wait) {
		Duration bounded = (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
		long jitter = bounded.toNanos() / 16;
		return bounded.plusNanos((jitter > 0) ? ThreadLocalRandom.current().nextLong(jitter) : 0);
	}

	byte[] body() {
		if (this.raw.bodyTooLarge()) {
			throw ConsulError.badRequest("Request decode failed: request body too large");
		}
		return this.raw.body();
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
