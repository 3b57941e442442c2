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

package io.github.healthgrpc.benchmarks;

import java.time.Duration;

/**
 * When a server's warm-up may end: the warm-up loads it in cycles, one step at each
 * measured concurrency on a new connection, and ends after a cycle in which its JIT
 * compilers were nearly idle, once it has lasted at least {@code least}; after
 * {@code least}, it also ends when one more cycle would pass {@code limit}. A fixed
 * warm-up at one concurrency left the servers compiling in about half of their measured
 * slices (2026-12-07): what a server compiles at 1 in flight or on a new connection is
 * not what it compiled at 64 in flight on one.
 *
 * @param least the shortest warm-up: it always lasts this long, whatever the limit
 * @param limit no cycle starts that would be expected to end past it; a server that still
 * compiles then is measured anyway, and says so
 * @author health-grpc authors
 */
record WarmUpRule(Duration least, Duration limit) {

	/** A cycle whose compilers spent at most 1 % of its time counts as quiet. */
	static final double QUIET_SHARE = 0.01;

	WarmUpRule {
		if (limit.compareTo(least) < 0) {
			throw new IllegalArgumentException("--warm-up-limit (" + seconds(limit)
					+ " s) must not be shorter than --warm-up (" + seconds(least) + " s)");
		}
	}

	/**
	 * A warm-up step at one concurrency: the concurrency warm-up's length, or 1 s without
	 * one (rather than a spin of connections).
	 * @param concurrencyWarmUp the load at each concurrency before its measured slices
	 * @return the step
	 */
	static Duration step(Duration concurrencyWarmUp) {
		return concurrencyWarmUp.isZero() ? Duration.ofSeconds(1) : concurrencyWarmUp;
	}

	/**
	 * Whether a cycle's compilers were nearly idle.
	 * @param cycle the cycle's duration
	 * @param compileMillis the time of the compilations that finished in the cycle, -1 if
	 * unknown (a JVM that does not tell gets the shortest warm-up)
	 * @return whether the cycle was quiet
	 */
	boolean quiet(Duration cycle, long compileMillis) {
		return compileMillis < 0 || compileMillis <= cycle.toMillis() * QUIET_SHARE;
	}

	/**
	 * Whether the warm-up ends after a cycle.
	 * @param elapsed the warm-up so far, that cycle included
	 * @param cycle the cycle's duration: another would take about as long
	 * @param compileMillis the time of the compilations that finished in the cycle, -1 if
	 * unknown
	 * @return whether to end it
	 */
	boolean done(Duration elapsed, Duration cycle, long compileMillis) {
		boolean nextPassesLimit = elapsed.plus(cycle).compareTo(this.limit) > 0;
		return elapsed.compareTo(this.least) >= 0 && (quiet(cycle, compileMillis) || nextPassesLimit);
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
