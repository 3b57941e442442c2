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

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link Benchmarks}, with its defaults (the full run) and
 * {@code --quick} (a short trial).
 *
 * @author health-grpc authors
 */
final class Options {

	static final String USAGE = "options: --rounds=N --warm-up=S --warm-up-limit=S --concurrency-warm-up=S "
			+ "--slices=N --settle=S --measure=S --watchers=N,M --flips=N --probes=N --targets=kind,... --out=DIR --boot3-jar=JAR "
			+ "--boot4-jar=JAR --server-cpus=LIST|none --unpinned-reason=TEXT --server-jvm-options=OPTIONS --quick "
			+ "--pool=DIR[:SECTION+...],DIR,...";

	int rounds = 7;

	Path out = Path.of("benchmarks", "target", "results");

	/**
	 * The shortest warm-up per server process (cycles of unmeasured Check load at every
	 * concurrency, {@link WarmUpRule}). A server on one core compiles its paths slowly:
	 * (a4) served 2,642, 5,478 and 6,714 calls/s at 64 in flight after 1, 3 and 10 s of
	 * warm-up (2026-12-06, one round each), and with 10 s the per-round ratio of (c) to
	 * (a) at 256 in flight still spread from 0.79 to 1.38 over 5 rounds, against 0.89 to
	 * 1.08 over 4 rounds after 30 s (the processes had not finished compiling, each in
	 * its own way).
	 */
	Duration warmUp = Duration.ofSeconds(20);

	/**
	 * The longest warm-up per server process: after 20 s at 64 in flight alone, the
	 * servers' compilers still ran in 359 of 720 measured slices of a trial run
	 * (2026-12-07, 3 rounds of (a), (c), (a4), (e)), at 1 in flight for 163 to 538 ms of
	 * each server's 3 s measured, and those slices served 0.91 of their server's median
	 * (the others 1.05). Warmed up until quiet instead, the same servers took 30 to 61 s
	 * (median 45 s; a trial run of 3 rounds, 2026-12-07) and compiled in 202 of 720
	 * slices, about 1 ms in each.
	 */
	Duration warmUpLimit = Duration.ofSeconds(90);

	/**
	 * At each concurrency, load on every server, taking turns, before its first measured
	 * slice. A server just loaded at another concurrency is slow for its first second at
	 * the new one: in two trial runs without it (2026-12-06, 4 rounds of (a), (c), (a4)
	 * and (e) each), bare grpc-java's slices in its first 0.75 to 0.8 s of load at a new
	 * concurrency served 0.71 and 0.73 of its median slice on average (its later slices
	 * 1.05), and the ratios of those slices strayed from their round's median by 21 and
	 * 26 % on average (later ones by 15 and 16 %).
	 */
	Duration concurrencyWarmUp = Duration.ofSeconds(2);

	/**
	 * At each concurrency, how many measured slices each server of a line gets, taking
	 * turns with the line's other servers. Many short slices rather than a few long ones:
	 * the machine's speed changes within a second or two (bare grpc-java alone at 64 in
	 * flight, 0.5 s windows: 9,048 to 20,986 calls/s within 10 s, no time stolen), and
	 * two servers' slices close in time share more of it. With the same 3 s measured per
	 * server and concurrency, the per-round ratios of (c) to (a) and of (e) to (a4) over
	 * 4 rounds (2026-12-06) spread at 256 in flight from 0.88 to 1.19 with 6 slices of
	 * 0.25 + 0.5 s, from 0.94 to 1.02 with 20 slices of 0.05 + 0.15 s; at 64 in flight
	 * from 0.89 to 1.31, and from 0.93 to 1.03 but for one round's 1.54 (a bare process
	 * slow in all its 20 slices); at 1 in flight from 0.86 to 1.26, and from 0.79 to
	 * 1.14.
	 */
	int slices = 20;

	/** Load before each slice's measured window. */
	Duration settle = Duration.ofMillis(50);

	/** Each slice's measured window. */
	Duration measured = Duration.ofMillis(150);

	List<Integer> watchers = List.of(1_000, 10_000);

	int flips = 6;

	int probes = 200;

	List<Target> targets = List.of(Target.values());

	final Map<Line, Path> jars = new EnumMap<>(Line.class);

	String serverCpus;

	String unpinnedReason;

	boolean quick;

	/**
	 * JVM options added to every server's, for looking into one (GC or safepoint logs, a
	 * flight recording); {@code {target}} in them becomes the target's kind. The figures
	 * of such a run are not comparable with a plain run's.
	 */
	List<String> serverJvmOptions = List.of();

	String date = LocalDate.now().toString();

	/**
	 * Runs whose rounds to pool into one report instead of measuring
	 * ({@link PooledRuns}): the folders they wrote, each with the sections to take from
	 * it.
	 */
	List<PooledRuns.Source> pool = List.of();

	Options() {
		for (Line line : Line.values()) {
			this.jars.put(line, line.defaultJar());
		}
	}

	private static List<PooledRuns.Source> folders(String value) {
		List<PooledRuns.Source> folders = Arrays.stream(value.split(","))
			.map(String::trim)
			.filter((folder) -> !folder.isEmpty())
			.map(PooledRuns.Source::parse)
			.toList();
		if (folders.isEmpty()) {
			throw new IllegalArgumentException("--pool names no folder; " + USAGE);
		}
		return folders;
	}

	static Options parse(String... args) {
		Options options = new Options();
		boolean limitGiven = false;
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			String value = (pair.length > 1) ? pair[1] : "";
			switch (pair[0]) {
				case "rounds" -> options.rounds = positive(pair[0], Integer.parseInt(value));
				case "out" -> options.out = Path.of(value);
				case "warm-up" -> options.warmUp = seconds(value);
				case "warm-up-limit" -> {
					options.warmUpLimit = seconds(value);
					limitGiven = true;
				}
				case "concurrency-warm-up" -> options.concurrencyWarmUp = seconds(value);
				case "slices" -> options.slices = positive(pair[0], Integer.parseInt(value));
				case "settle" -> options.settle = seconds(value);
				case "measure" -> options.measured = seconds(value);
				case "watchers" -> options.watchers = Arrays.stream(value.split(","))
					.map(String::trim)
					.map(Integer::parseInt)
					.map((count) -> positive("watchers", count))
					.sorted()
					.distinct()
					.toList();
				case "flips" -> options.flips = positive(pair[0], Integer.parseInt(value));
				case "probes" -> options.probes = positive(pair[0], Integer.parseInt(value));
				case "targets" -> options.targets = Arrays.stream(value.split(","))
					.map(String::trim)
					.map(Target::ofKind)
					.distinct()
					.sorted()
					.toList();
				case "pool" -> options.pool = folders(value);
				case "boot3-jar" -> options.jars.put(Line.BOOT3, Path.of(value));
				case "boot4-jar" -> options.jars.put(Line.BOOT4, Path.of(value));
				case "server-cpus" -> options.serverCpus = value;
				case "unpinned-reason" -> options.unpinnedReason = value;
				case "server-jvm-options" -> options.serverJvmOptions = Arrays.stream(value.trim().split("\\s+"))
					.filter((option) -> !option.isEmpty())
					.toList();
				case "quick" -> {
					options.quick = true;
					options.rounds = 3;
					options.warmUp = Duration.ofSeconds(1);
					options.warmUpLimit = Duration.ofSeconds(2);
					options.concurrencyWarmUp = Duration.ofMillis(250);
					options.slices = 2;
					options.settle = Duration.ofMillis(100);
					options.measured = Duration.ofMillis(250);
					options.watchers = List.of(100, 1_000);
					options.flips = 2;
					options.probes = 20;
				}
				default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
			}
		}
		if (!limitGiven && options.warmUpLimit.compareTo(options.warmUp) < 0) {
			// a shortest warm-up past the default limit raises the limit no one gave;
			// only
			// a limit given shorter than the warm-up is an error
			options.warmUpLimit = options.warmUp;
		}
		// refuses a limit shorter than the shortest warm-up now, not after the build
		options.warmUpRule();
		return options;
	}

	/**
	 * When a server's warm-up may end.
	 * @return the rule
	 * @throws IllegalArgumentException if the limit is shorter than the shortest warm-up
	 */
	WarmUpRule warmUpRule() {
		return new WarmUpRule(this.warmUp, this.warmUpLimit);
	}

	List<String> serverJvmOptions(Target target) {
		return this.serverJvmOptions.stream().map((option) -> option.replace("{target}", target.kind())).toList();
	}

	Path jar(Line line) {
		return this.jars.get(line);
	}

	/** The largest Watch step, whose figures the targets judge. */
	int maxWatchers() {
		return this.watchers.get(this.watchers.size() - 1);
	}

	/**
	 * How long the run should take, from what each part took on a 2-core machine with
	 * every server pinned to one core.
	 * @return the estimate
	 */
	Duration expected() {
		double seconds = 0;
		for (Target target : this.targets) {
			seconds += expectedSeconds(target);
		}
		return Duration.ofMillis(Math.round(seconds * 1000)).multipliedBy(this.rounds);
	}

	private double expectedSeconds(Target target) {
		// launch until SERVING with the server on one core (the quick run of 2026-12-06)
		double startup = switch (target.role()) {
			case BARE -> 3;
			case SLOW -> 16;
			default -> 10;
		};
		// the wait until quiet, then the warm-up (25 s past its shortest, as the median
		// of the trial run of 2026-12-07, within its limit) and the slices
		double check = 2 + Math.min(seconds(this.warmUp) + 25, seconds(this.warmUpLimit))
				+ Benchmarks.IN_FLIGHT.size() * (seconds(this.concurrencyWarmUp)
						+ this.slices * (seconds(this.settle) + seconds(this.measured) + 0.05));
		double rest = 0;
		if (target.fullRun()) {
			rest += this.probes * 1.2 * 0.006;
			rest += 1.5;
			for (int watchers : this.watchers) {
				rest += 1.5 + watchers * 0.0003 + (this.flips + 2) * (0.05 + watchers * 0.00002);
			}
		}
		return startup + check + rest + 1;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static Duration seconds(String value) {
		double seconds = Double.parseDouble(value);
		if (!(seconds >= 0)) {
			throw new IllegalArgumentException("a duration in seconds must not be negative: " + value);
		}
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	private static int positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException("--" + name + " must be at least 1: " + value);
		}
		return value;
	}

}
