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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax, as Consul reads it: a sequence of decimal numbers with units
 * ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), for
 * example {@code 1m30s} or {@code 1.5h}; a plain {@code 0} is zero.
 *
 * @author health-grpc authors
 */
final class GoDuration {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

	private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms",
			1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

	private GoDuration() {
	}

	/**
	 * Parse a duration.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException if the text is no Go duration
	 */
	static Duration parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
		}
		String body = (text.startsWith("-") || text.startsWith("+")) ? text.substring(1) : text;
		if (body.equals("0")) {
			return Duration.ZERO;
		}
		Matcher matcher = PART.matcher(body);
		double nanos = 0;
		int end = 0;
		while (matcher.find() && matcher.start() == end) {
			nanos += Double.parseDouble(matcher.group(1)) * NANOS_PER_UNIT.get(matcher.group(2));
			end = matcher.end();
		}
		if (end == 0 || end != body.length()) {
			throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
		}
		Duration duration = Duration.ofNanos(Math.round(nanos));
		return text.startsWith("-") ? duration.negated() : duration;
	}

	/**
	 * Format a duration the way Go prints it, in the coarsest exact unit ({@code 10s},
	 * {@code 1m0s} is written {@code 60s} here, which Go reads back the same).
	 * @param duration the duration
	 * @return the text
	 */
	static String format(Duration duration) {
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
