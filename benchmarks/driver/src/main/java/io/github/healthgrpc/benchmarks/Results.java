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

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every figure of a run: one value per target, metric, parameter (calls in flight,
 * watchers) and round. Ratios are taken round by round, between two targets measured in
 * the same round, so that drift between rounds cancels out.
 *
 * @author health-grpc authors
 */
final class Results {

	private final Map<Key, SortedMap<Integer, Double>> values = new LinkedHashMap<>();

	private final List<String> failures = new ArrayList<>();

	private final Map<Target, SortedSet<Integer>> failedRounds = new EnumMap<>(Target.class);

	private final Map<Key, SortedMap<Integer, List<CheckLoad.Slice>>> slices = new LinkedHashMap<>();

	void put(Target target, Metric metric, int parameter, int round, double value) {
		if (hasFailed(target, round)) {
			return;
		}
		this.values.computeIfAbsent(new Key(target, metric, parameter), (key) -> new TreeMap<>()).put(round, value);
	}

	/**
	 * Keep one round's slices of a Check load, for {@code slices.csv}.
	 * @param target the target
	 * @param inFlight calls in flight
	 * @param round the round
	 * @param slices its measured slices
	 */
	void putSlices(Target target, int inFlight, int round, List<CheckLoad.Slice> slices) {
		if (hasFailed(target, round)) {
			return;
		}
		this.slices.computeIfAbsent(new Key(target, Metric.CALLS_PER_SECOND, inFlight), (key) -> new TreeMap<>())
			.put(round, List.copyOf(slices));
	}

	/**
	 * Return, round by round, {@code target / anchor} of each turn's slices at one
	 * concurrency, for the turns both were measured in.
	 * @param target the target
	 * @param anchor the target it is compared with
	 * @param inFlight calls in flight
	 * @return the slice ratios by round, in the order of the turns
	 */
	SortedMap<Integer, List<Double>> sliceRatios(Target target, Target anchor, int inFlight) {
		Key key = new Key(target, Metric.CALLS_PER_SECOND, inFlight);
		SortedMap<Integer, List<CheckLoad.Slice>> anchors = this.slices
			.getOrDefault(new Key(anchor, Metric.CALLS_PER_SECOND, inFlight), Collections.emptySortedMap());
		SortedMap<Integer, List<Double>> ratios = new TreeMap<>();
		this.slices.getOrDefault(key, Collections.emptySortedMap()).forEach((round, slices) -> {
			List<CheckLoad.Slice> bases = anchors.get(round);
			if (bases == null) {
				return;
			}
			Map<Integer, Double> baseByTurn = new HashMap<>();
			bases.forEach((base) -> baseByTurn.put(base.turn(), base.callsPerSecond()));
			List<Double> roundRatios = new ArrayList<>();
			for (CheckLoad.Slice slice : slices) {
				Double base = baseByTurn.get(slice.turn());
				if (base != null && base > 0 && slice.callsPerSecond() > 0) {
					roundRatios.add(slice.callsPerSecond() / base);
				}
			}
			if (!roundRatios.isEmpty()) {
				ratios.put(round, List.copyOf(roundRatios));
			}
		});
		return ratios;
	}

	/**
	 * Every round's slices of every Check load, by target and calls in flight (the key's
	 * metric is {@link Metric#CALLS_PER_SECOND}).
	 * @return the slices
	 */
	Map<Key, SortedMap<Integer, List<CheckLoad.Slice>>> slices() {
		return Collections.unmodifiableMap(this.slices);
	}

	/**
	 * Return the values of every round that measured it.
	 * @param target the target
	 * @param metric the metric
	 * @param parameter calls in flight or watchers, 0 where there is none
	 * @return the values by round
	 */
	SortedMap<Integer, Double> rounds(Target target, Metric metric, int parameter) {
		return Collections.unmodifiableSortedMap(
				this.values.getOrDefault(new Key(target, metric, parameter), Collections.emptySortedMap()));
	}

	/**
	 * Return {@code target / anchor} for every round that measured both.
	 * @param target the target
	 * @param anchor the target it is compared with
	 * @param metric the metric
	 * @param parameter calls in flight or watchers, 0 where there is none
	 * @return the ratios by round
	 */
	SortedMap<Integer, Double> ratios(Target target, Target anchor, Metric metric, int parameter) {
		SortedMap<Integer, Double> anchors = rounds(anchor, metric, parameter);
		SortedMap<Integer, Double> ratios = new TreeMap<>();
		rounds(target, metric, parameter).forEach((round, value) -> {
			Double base = anchors.get(round);
			if (base != null && base != 0) {
				ratios.put(round, value / base);
			}
		});
		return ratios;
	}

	Interval interval(Target target, Metric metric, int parameter) {
		return Stats.interval(rounds(target, metric, parameter).values());
	}

	Interval ratio(Target target, Target anchor, Metric metric, int parameter) {
		return Stats.interval(ratios(target, anchor, metric, parameter).values());
	}

	boolean has(Target target) {
		return this.values.keySet().stream().anyMatch((key) -> key.target() == target);
	}

	/**
	 * Record that a target failed in a round, and leave out every figure it had in that
	 * round: a process that failed part way was not well before either.
	 * @param target the target
	 * @param round the round
	 * @param ex what went wrong
	 */
	void failed(Target target, int round, Exception ex) {
		this.failures.add("round " + round + ", " + target.label() + ": " + ex);
		this.values.forEach((key, rounds) -> {
			if (key.target() == target) {
				rounds.remove(round);
			}
		});
		this.slices.forEach((key, rounds) -> {
			if (key.target() == target) {
				rounds.remove(round);
			}
		});
		this.failedRounds.computeIfAbsent(target, (key) -> new TreeSet<>()).add(round);
	}

	/**
	 * Keep a failure that another run recorded, whose figures that run already left out.
	 * @param description the round, the target and what went wrong
	 */
	void noteFailure(String description) {
		this.failures.add(description);
	}

	/**
	 * Return whether a target failed in a round; nothing it measures later in that round
	 * is kept.
	 * @param target the target
	 * @param round the round
	 * @return whether it failed
	 */
	boolean hasFailed(Target target, int round) {
		return this.failedRounds.getOrDefault(target, Collections.emptySortedSet()).contains(round);
	}

	List<String> failures() {
		return Collections.unmodifiableList(this.failures);
	}

	/**
	 * Every value, in the order measured.
	 * @return the values by key
	 */
	Map<Key, SortedMap<Integer, Double>> all() {
		return Collections.unmodifiableMap(this.values);
	}

	/**
	 * What a value is of.
	 *
	 * @param target the target
	 * @param metric the metric
	 * @param parameter calls in flight or watchers, 0 where there is none
	 */
	record Key(Target target, Metric metric, int parameter) {

	}

	/**
	 * What is measured, with its section and name in {@code results.csv}.
	 */
	enum Metric {

		/** Completed Check calls per second. */
		CALLS_PER_SECOND("check", "calls_per_second"),

		/** Median Check latency. */
		P50_MS("check", "p50_ms"),

		/** 99th percentile Check latency. */
		P99_MS("check", "p99_ms"),

		/**
		 * 99th percentile Check latency of the undisturbed slices together: no compiler
		 * ran on the servers' CPU during them, nor did the load generator pause to
		 * collect ({@link Disturbance#undisturbed()}).
		 */
		P99_UNDISTURBED_MS("check", "p99_ms_undisturbed_slices"),

		/** How many of a server's slices were undisturbed. */
		UNDISTURBED_SLICES("check", "undisturbed_slices"),

		/** The server's process CPU time per completed Check call. */
		CPU_PER_CALL_US("check", "server_cpu_us_per_call"),

		/** Failed calls and answers other than SERVING. */
		ERRORS("check", "errors"),

		/**
		 * How long the server's warm-up took: until its compilers were quiet, or until
		 * its limit.
		 */
		WARM_UP_S("check", "warm_up_s"),

		/** From launching the JVM until Check("") answers SERVING. */
		STARTUP_MS("startup", "wall_ms"),

		/** The server's JVM uptime when it reported ready. */
		UPTIME_AT_READY_MS("startup", "uptime_at_ready_ms"),

		/** Median time of one probe, its new connection included. */
		PROBE_P50_MS("probe", "p50_ms"),

		/** 99th percentile time of one probe. */
		PROBE_P99_MS("probe", "p99_ms"),

		/** Server CPU time per probe. */
		PROBE_CPU_US("probe", "server_cpu_us"),

		/** The round's median time until every watcher saw a flip. */
		FLIP_MS("watch", "all_seen_ms_median"),

		/** The round's slowest flip. */
		FLIP_WORST_MS("watch", "all_seen_ms_max"),

		/**
		 * The round's mean server process CPU time per flip, setter to the last watcher.
		 */
		FLIP_CPU_MS("watch", "server_cpu_ms_per_flip"),

		/**
		 * The round's mean load generator process CPU time per flip (every thread of the
		 * driver; mostly its watchers reading the flip).
		 */
		FLIP_LOAD_CPU_MS("watch", "load_generator_cpu_ms_per_flip"),

		/** The round's median time the setter took inside the server. */
		SETTER_MS("watch", "setter_ms_median"),

		/** The round's slowest setter call. */
		SETTER_MAX_MS("watch", "setter_ms_max"),

		/** Server heap per open Watch stream, after full collections. */
		HEAP_PER_WATCHER_BYTES("watch", "heap_bytes_per_watcher");

		private final String section;

		private final String csvName;

		Metric(String section, String csvName) {
			this.section = section;
			this.csvName = csvName;
		}

		String section() {
			return this.section;
		}

		String csvName() {
			return this.csvName;
		}

	}

}
