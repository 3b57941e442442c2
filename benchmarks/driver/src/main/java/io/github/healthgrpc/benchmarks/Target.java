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

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The servers compared, each started as {@code java -jar <its line's jar> <kind>} in a
 * process of its own.
 *
 * @author health-grpc authors
 */
enum Target {

	/**
	 * (a) bare grpc-java 1.85.1 on grpc-netty-shaded: the Spring Boot 3.5 line's anchor.
	 */
	BARE("bare", "(a) bare grpc-java", Line.BOOT3, Role.BARE),

	/**
	 * (b) net.devh's built-in health.
	 */
	NET_DEVH("netdevh", "(b) net.devh built-in", Line.BOOT3, Role.BUILT_IN),

	/**
	 * (c) health-grpc on net.devh.
	 */
	STARTER("starter", "(c) health-grpc, net.devh", Line.BOOT3, Role.STARTER),

	/**
	 * (c) with a health contributor that takes 5 s.
	 */
	STARTER_SLOW("starter-slow", "(c) + 5 s contributor", Line.BOOT3, Role.SLOW),

	/**
	 * (a4) bare grpc-java on Spring Boot 4.1's transport: the Spring Boot 4.1 line's
	 * anchor.
	 */
	BARE4("bare4", "(a4) bare grpc-java, Netty 4.2", Line.BOOT4, Role.BARE),

	/**
	 * (d) Spring Boot 4.1's built-in health.
	 */
	BOOT4("boot4", "(d) Spring Boot 4.1 built-in", Line.BOOT4, Role.BUILT_IN),

	/**
	 * (e) health-grpc on Spring Boot 4.1.
	 */
	STARTER4("starter4", "(e) health-grpc, Boot 4.1", Line.BOOT4, Role.STARTER),

	/**
	 * (e) with a health contributor that takes 5 s.
	 */
	STARTER4_SLOW("starter4-slow", "(e) + 5 s contributor", Line.BOOT4, Role.SLOW);

	private final String kind;

	private final String label;

	private final Line line;

	private final Role role;

	Target(String kind, String label, Line line, Role role) {
		this.kind = kind;
		this.label = label;
		this.line = line;
		this.role = role;
	}

	/**
	 * Return the kind its line's server jar starts.
	 * @return the kind
	 */
	String kind() {
		return this.kind;
	}

	/**
	 * Return the name in tables and plots.
	 * @return the label
	 */
	String label() {
		return this.label;
	}

	Line line() {
		return this.line;
	}

	Role role() {
		return this.role;
	}

	/**
	 * Return whether the whole set of measurements runs against it: every target but the
	 * 5 s contributor variants, which only compare Check latency with their own starter.
	 * @return whether probes and Watch run too
	 */
	boolean fullRun() {
		return this.role != Role.SLOW;
	}

	/**
	 * Find a target by its kind.
	 * @param kind the kind
	 * @return the target
	 */
	static Target ofKind(String kind) {
		return Arrays.stream(values())
			.filter((target) -> target.kind.equals(kind))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown target " + kind + "; targets: " + Arrays.stream(values()).map(Target::kind).toList()));
	}

	/**
	 * Round {@code round}'s order: the list rotated by one more place each round, so that
	 * over as many rounds as targets each target takes every place once and drift spreads
	 * evenly.
	 * @param targets the targets in their nominal order
	 * @param round the round, from 1
	 * @return the order to run them in
	 */
	static List<Target> order(List<Target> targets, int round) {
		if (targets.isEmpty()) {
			return targets;
		}
		int shift = Math.floorMod(round - 1, targets.size());
		return Stream.concat(targets.stream().skip(shift), targets.stream().limit(shift)).toList();
	}

	/**
	 * What a target is to its line.
	 */
	enum Role {

		/**
		 * Bare grpc-java: the anchor of the line's ratios.
		 */
		BARE,

		/**
		 * The integration's own health service.
		 */
		BUILT_IN,

		/**
		 * health-grpc in its default configuration.
		 */
		STARTER,

		/**
		 * health-grpc with a 5 s contributor.
		 */
		SLOW

	}

}
