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

import java.util.List;

/**
 * The servers compared, each started as {@code server <kind>} in its own process.
 *
 * @param kind the {@link BenchServer} kind
 * @param label the name in tables and plots
 * @author health-grpc authors
 */
record Target(String kind, String label) {

	static final Target BARE = new Target("bare", "(a) bare grpc-java");

	static final Target NET_DEVH = new Target("netdevh", "(b) net.devh built-in");

	static final Target STARTER = new Target("starter", "(c) health-grpc");

	static final Target STARTER_SLOW = new Target("starter-slow", "(c) + 5 s contributor");

	static final List<Target> CHECK = List.of(BARE, NET_DEVH, STARTER, STARTER_SLOW);

	static final List<Target> WATCH = List.of(BARE, NET_DEVH, STARTER);

	/** Round {@code round}'s order: rotated each round so that drift spreads evenly. */
	static List<Target> order(List<Target> targets, int round) {
		int shift = Math.floorMod(round, targets.size());
		return java.util.stream.Stream.concat(targets.stream().skip(shift), targets.stream().limit(shift)).toList();
	}

}
