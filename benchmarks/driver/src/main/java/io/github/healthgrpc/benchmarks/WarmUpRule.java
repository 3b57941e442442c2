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
 * compilers were nearly idle, once it has lasted at least {@code least}, and at the
 * latest at {@code limit}. A fixed warm-up at one concurrency left the servers compiling
 * in about half of their measured slices (2026-12-07): what a server compiles at 1 in
 * flight or on a new connection is not what it compiled at 64 in flight on one.
 *
 * @param least the shortest warm-up
 * @param limit the longest: a server that still compiles then is measured anyway, and
 * says so
 * @param quietShare the share of a cycle's time its compilers may spend for the cycle to
 * count as quiet
 * @author health-grpc authors
 */
record WarmUpRule(Duration least, Duration limit, double quietShare) {

	/** A cycle whose compilers spent at most 1 % of its time counts as quiet. */
	static final double QUIET_SHARE = 0.01;

	WarmUpRule {
		if (limit.compareTo(least) < 0) {
			throw new IllegalArgumentException("--warm-up-limit (" + seconds(limit)
					+ " s) must not be shorter than --warm-up (" + seconds(least) + " s)");
		}
	}

	/**
	 * Whether the server is warm after a cycle.
	 * @param elapsed the warm-up so far, that cycle included
	 * @param cycle the cycle's duration
	 * @param compileMillis the time its compilers spent in the cycle, -1 if unknown
	 * @return whether the warm-up may end
	 */
	boolean quiet(Duration elapsed, Duration cycle, long compileMillis) {
		// a JVM that does not tell its compile time gets the shortest warm-up
		return elapsed.compareTo(this.least) >= 0
				&& (compileMillis < 0 || compileMillis <= cycle.toMillis() * this.quietShare);
	}

	/**
	 * Whether the warm-up must end after a cycle, quiet or not.
	 * @param elapsed the warm-up so far
	 * @param cycle the last cycle's duration: one more must fit before the limit
	 * @return whether another cycle would pass the limit
	 */
	boolean atLimit(Duration elapsed, Duration cycle) {
		return elapsed.plus(cycle).compareTo(this.limit) > 0;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
