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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Consul reads and writes them, in Go's syntax: decimal numbers with units
 * ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), such
 * as {@code 10s}, {@code 1m30s} or {@code 1.5h}. Spring Cloud Consul's check properties
 * are written this way and passed to Consul as they are.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class GoDuration {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

	private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms",
			1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

	private GoDuration() {
	}

	/**
	 * Read a duration as Consul does.
	 * @param text the text, for example {@code 10s}
	 * @return the duration
	 * @throws IllegalArgumentException if Consul would not read it
	 */
	public static Duration parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("not a duration: '" + text + "'");
		}
		String trimmed = text.strip();
		boolean negative = trimmed.startsWith("-");
		String body = (negative || trimmed.startsWith("+")) ? trimmed.substring(1) : trimmed;
		if (body.equals("0")) {
			return Duration.ZERO;
		}
		Matcher matcher = PART.matcher(body);
		BigDecimal nanos = BigDecimal.ZERO;
		int end = 0;
		while (matcher.find(end) && matcher.start() == end) {
			nanos = nanos.add(new BigDecimal(matcher.group(1))
				.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
			end = matcher.end();
		}
		if (end == 0 || end != body.length()) {
			throw new IllegalArgumentException(
					"not a duration: '" + text + "' (write it as Consul does, for example 10s, 1m30s or 500ms)");
		}
		Duration duration = Duration.ofNanos(nanos.longValue());
		return negative ? duration.negated() : duration;
	}

	/**
	 * Write a duration in the coarsest whole unit among seconds, milliseconds and
	 * nanoseconds ({@code 90s}, {@code 1500ms}): Consul reads each back exactly.
	 * @param duration the duration
	 * @return the text
	 */
	public static String format(Duration duration) {
		long nanos = duration.toNanos();
		if (nanos % 1_000_000_000L == 0) {
			return (nanos / 1_000_000_000L) + "s";
		}
		if (nanos % 1_000_000L == 0) {
			return (nanos / 1_000_000L) + "ms";
		}
		return nanos + "ns";
	}

}
