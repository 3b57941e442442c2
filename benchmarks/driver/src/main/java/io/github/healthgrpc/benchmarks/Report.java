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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

import io.github.healthgrpc.benchmarks.Results.Metric;
import io.github.healthgrpc.benchmarks.SlowSlices.Cause;
import io.github.healthgrpc.benchmarks.Target.Role;

/**
 * Turns a run's measurements into {@code results.md} (the targets with their
 * verdicts, then every figure as the median of the rounds with its interval, and ratios
 * to each line's bare grpc-java and built-in health), {@code results.csv} (every raw
 * figure and every per-round ratio) and the PNG plots.
 *
 * @author health-grpc authors
 */
final class Report {

	private final Results results;

	private final Options options;

	private final Pinning pinning;

	private final String serverCpusSeen;

	private final int roundsDone;

	private final StringBuilder md = new StringBuilder();

	private final StringBuilder csv = new StringBuilder("section,target,round,parameter,metric,value\n");

	private final StringBuilder ratioCsv = new StringBuilder();

	private final Set<String> ratiosWritten = new HashSet<>();

	private List<String> sources = List.of();

	// whether a pooled run gave only some of its sections
	private boolean someSectionsOnly;

	Report(Results results, Options options, Pinning pinning, String serverCpusSeen, int roundsDone) {
		this.results = results;
		this.options = options;
		this.pinning = pinning;
		this.serverCpusSeen = serverCpusSeen;
		this.roundsDone = roundsDone;
	}

	/**
	 * Say which runs' rounds this report pools.
	 * @param pooled the runs read
	 * @return this report
	 */
	Report pooledFrom(PooledRuns pooled) {
		this.sources = pooled.sources();
		this.someSectionsOnly = pooled.someSectionsOnly();
		return this;
	}

	/**
	 * Write the report's files.
	 * @param out the folder
	 * @return the Markdown
	 * @throws IOException if a file cannot be written
	 */
	String write(Path out) throws IOException {
		// the plots are written first
		Files.createDirectories(out);
		header();
		targets();
		check(out);
		watch(out);
		startup();
		probes();
		failures();
		this.results.all()
			.forEach((key,
					rounds) -> rounds.forEach((round, value) -> this.csv
						.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s%n", key.metric().section(),
								key.target().kind(), round, key.parameter(), key.metric().csvName(), value))));
		this.csv.append(this.ratioCsv);
		Files.writeString(out.resolve("results.md"), this.md);
		Files.writeString(out.resolve("results.csv"), this.csv);
		Files.writeString(out.resolve("slices.csv"), slicesCsv());
		return this.md.toString();
	}

	/**
	 * Every measured slice of every Check load: what the per-round figures are made of,
	 * with the time the server's JIT compilers spent (blank if its JVM does not tell) and
	 * the time stolen from the servers' and the load generator's CPUs during each.
	 */
	private String slicesCsv() {
		StringBuilder slices = new StringBuilder("target,round,in_flight,turn,calls_per_second,p99_ms,"
				+ "server_cpu_us_per_call,server_jit_ms,stolen_server_cpus,stolen_load_cpus,server_compiler_cpu_ms,"
				+ "server_gc_cpu_ms,neighbours_cpu_ms,neighbours_compiler_cpu_ms,load_compiler_cpu_ms,"
				+ "load_gc_cpu_ms\n");
		for (Map.Entry<Results.Key, SortedMap<Integer, List<CheckLoad.Slice>>> load : this.results.slices()
			.entrySet()) {
			Results.Key key = load.getKey();
			load.getValue()
				.forEach((round, list) -> list.forEach((slice) -> slices.append(String.format(Locale.ROOT,
						"%s,%d,%d,%d,%.1f,%.4f,%.2f,%s,%.4f,%.4f,%s,%s,%s,%s,%s,%s%n", key.target().kind(), round,
						key.parameter(), slice.turn(), slice.callsPerSecond(), slice.p99Millis(),
						slice.cpuMicrosPerCall(), (slice.compileMillis() >= 0) ? slice.compileMillis() : "",
						slice.serverStolen(), slice.loadStolen(), millis(slice.disturbance().serverCompilerMillis()),
						millis(slice.disturbance().serverGcMillis()), millis(slice.disturbance().neighboursMillis()),
						millis(slice.disturbance().neighboursCompilerMillis()),
						millis(slice.disturbance().loadCompilerMillis()),
						millis(slice.disturbance().loadGcMillis())))));
		}
		return slices.toString();
	}

	// blank when unknown
	private static String millis(double value) {
		return (value < 0) ? "" : String.format(Locale.ROOT, "%.3f", value);
	}

	private void header() {
		line("# Benchmark results, %s", this.options.date);
		line("");
		if (this.options.quick) {
			line("**A `--quick` trial: windows far too short to judge anything; run without `--quick` for figures.**");
			line("");
		}
		line("- %d of %d rounds%s; each round starts, line by line, a fresh server process per target in an order "
				+ "that rotates every round, each once the last is quiet, and measures the line's servers side by "
				+ "side, taking turns; %s", this.roundsDone, this.options.rounds,
				(this.roundsDone < this.options.rounds) ? " (an unfinished run)" : "", machine());
		if (!this.sources.isEmpty()) {
			line("- Pooled from %d runs on this machine, each run's rounds numbered after the runs before it: %s.%s",
					this.sources.size(), String.join("; ", this.sources),
					this.someSectionsOnly
							? " A run named with sections gives its rounds only their figures (its servers differed "
									+ "from the other runs' elsewhere); every other section is judged over the rounds "
									+ "of the runs that gave it, and its failures are listed whatever their section."
							: " The same servers in every run.");
		}
		line("- Servers: `java %s -jar <line's server jar> <target>`; %s%s.", String.join(" ", serverJvm()),
				this.pinning.describe(), (this.serverCpusSeen != null)
						? "; a server's CPUs as the kernel reports them: " + this.serverCpusSeen : "");
		line("- Check load: a warm-up per server in cycles of %s s at each concurrency on a new connection, until "
				+ "a cycle in which its JIT compilations took at most %.0f%% of its time, at least %s s and at most "
				+ "about %s s "
				+ "(each server's in `results.csv`, `warm_up_s`), then at each concurrency %s s of load "
				+ "per server, then %d slices per server, taking turns with the line's other servers (the order "
				+ "reversed every turn), each %s s of load before a %s s measured window; a server's figures are its "
				+ "measured slices together (each slice in `slices.csv`). Watch flips take turns the same way.",
				seconds(WarmUpRule.step(this.options.concurrencyWarmUp)), WarmUpRule.QUIET_SHARE * 100,
				seconds(this.options.warmUp), seconds(this.options.warmUpLimit),
				seconds(this.options.concurrencyWarmUp), this.options.slices, seconds(this.options.settle),
				seconds(this.options.measured));
		line("- Every figure is the median of the rounds with its 95%% bootstrap interval in brackets "
				+ "(%,d resamples of the rounds); a ratio is taken within each round (both targets measured in the "
				+ "same round), then summarized the same way. \"÷ bare\" is each line's own bare grpc-java: (a) on "
				+ "the Spring Boot 3.5 line, (a4) on the Spring Boot 4.1 line; \"÷ built-in\" is the line's own "
				+ "health service, (b) or (d).", Stats.RESAMPLES);
		line("- A target is **met** when its whole interval meets it, **missed** when none of the interval does, "
				+ "**within noise** when the interval holds the threshold; fewer than %d rounds decide nothing.",
				Goal.MIN_ROUNDS);
	}

	private List<String> serverJvm() {
		List<String> flags = new ArrayList<>(ServerProcess.SERVER_JVM_FLAGS);
		flags.addAll(this.options.serverJvmOptions);
		return flags;
	}

	private void targets() {
		line("");
		line("## Targets (issue 17), both lines");
		line("");
		line("| line | what | figure | target | verdict |");
		line("| --- | --- | ---: | --- | --- |");
		for (Line line : Line.values()) {
			Target bare = line.target(Role.BARE);
			Target builtIn = line.target(Role.BUILT_IN);
			Target starter = line.target(Role.STARTER);
			Target slow = line.target(Role.SLOW);
			String c = letter(starter);
			int watchers = this.options.maxWatchers();
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				goal(line, "Check calls/s %s ÷ %s, %d in flight".formatted(c, letter(bare), inFlight),
						ratio(starter, bare, Metric.CALLS_PER_SECOND, inFlight), Goal.atLeast(0.95, "0.95"));
			}
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				goal(line, "Check p99 %s ÷ %s, %d in flight".formatted(c, letter(bare), inFlight),
						ratio(starter, bare, Metric.P99_MS, inFlight), Goal.atMost(1.10, "1.10"));
			}
			Interval heap = this.results.interval(starter, Metric.HEAP_PER_WATCHER_BYTES, watchers).times(1 / 1024.0);
			goal(line, "heap per open Watch stream %s, %,d streams, KB".formatted(c, watchers), heap.format(), heap,
					Goal.atMost(1.5, "1.5 KB"));
			goal(line, "startup until Check(\"\") answers SERVING, %s ÷ %s".formatted(c, letter(builtIn)),
					ratio(starter, builtIn, Metric.STARTUP_MS, 0), Goal.atMost(1.10, "1.10"));
			goal(line, "time until all %,d watchers saw a flip, %s ÷ %s".formatted(watchers, c, letter(bare)),
					ratio(starter, bare, Metric.FLIP_MS, watchers), Goal.atMost(1.00, "1.00"));
			Interval setter = this.results.interval(starter, Metric.SETTER_MS, watchers);
			goal(line, "setter time at %,d watchers %s, ms".formatted(watchers, c), setter.format(), setter,
					Goal.below(1, "1 ms"));
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				goal(line, "5 s contributor: Check p99 with ÷ without, %d in flight".formatted(inFlight),
						ratio(slow, starter, Metric.P99_MS, inFlight), Goal.atMost(1.10, "1.10"));
			}
		}
	}

	private void goal(Line line, String what, Interval figure, Goal goal) {
		goal(line, what, figure.formatRatio(), figure, goal);
	}

	private void goal(Line line, String what, String text, Interval figure, Goal goal) {
		line("| %s | %s | %s | %s | %s |", line.title(), what, text, goal.format(), goal.judge(figure).text());
	}

	private void check(Path out) throws IOException {
		line("");
		line("## Check(\"\"): throughput and latency");
		line("");
		line("| target | in flight | calls/s | ÷ bare | ÷ built-in | p50 ms | p99 ms | p99 ÷ bare "
				+ "| server CPU µs/call | CPU ÷ bare | errors |");
		line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		List<Target> measured = measured();
		for (Target target : measured) {
			Target bare = target.line().target(Role.BARE);
			Target builtIn = target.line().target(Role.BUILT_IN);
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				double errors = this.results.rounds(target, Metric.ERRORS, inFlight)
					.values()
					.stream()
					.mapToDouble(Double::doubleValue)
					.sum();
				line("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %.0f |", target.label(), inFlight,
						this.results.interval(target, Metric.CALLS_PER_SECOND, inFlight).format(),
						(target == bare) ? "–" : ratio(target, bare, Metric.CALLS_PER_SECOND, inFlight).formatRatio(),
						(target.role() == Role.STARTER || target.role() == Role.SLOW)
								? ratio(target, builtIn, Metric.CALLS_PER_SECOND, inFlight).formatRatio() : "–",
						this.results.interval(target, Metric.P50_MS, inFlight).format(),
						this.results.interval(target, Metric.P99_MS, inFlight).format(),
						(target == bare) ? "–" : ratio(target, bare, Metric.P99_MS, inFlight).formatRatio(),
						this.results.interval(target, Metric.CPU_PER_CALL_US, inFlight).format(),
						(target == bare) ? "–" : ratio(target, bare, Metric.CPU_PER_CALL_US, inFlight).formatRatio(),
						errors);
			}
		}
		line("");
		line("The two lines side by side (calls/s, the same client; Spring Boot 4.1 ÷ Spring Boot 3.5):");
		line("");
		line("| in flight | (a4) ÷ (a) | (d) ÷ (b) | (e) ÷ (c) |");
		line("| ---: | ---: | ---: | ---: |");
		for (int inFlight : Benchmarks.IN_FLIGHT) {
			line("| %d | %s | %s | %s |", inFlight,
					ratio(Target.BARE4, Target.BARE, Metric.CALLS_PER_SECOND, inFlight).formatRatio(),
					ratio(Target.BOOT4, Target.NET_DEVH, Metric.CALLS_PER_SECOND, inFlight).formatRatio(),
					ratio(Target.STARTER4, Target.STARTER, Metric.CALLS_PER_SECOND, inFlight).formatRatio());
		}
		noise();
		tails();
		List<String> groups = Benchmarks.IN_FLIGHT.stream().map((n) -> n + " in flight").toList();
		chart(out.resolve("check-throughput.png"), "Check(\"\") throughput by calls in flight (higher is better)",
				"calls/s", groups, measured,
				(target) -> Benchmarks.IN_FLIGHT.stream()
					.map((n) -> this.results.interval(target, Metric.CALLS_PER_SECOND, n))
					.toList());
		chart(out.resolve("check-p99.png"), "Check(\"\") p99 latency by calls in flight (lower is better)", "ms",
				groups, measured,
				(target) -> Benchmarks.IN_FLIGHT.stream()
					.map((n) -> this.results.interval(target, Metric.P99_MS, n))
					.toList());
		line("");
		line("![Check throughput](check-throughput.png)");
		line("![Check p99](check-p99.png)");
	}

	/**
	 * Where the spread of the Check ratios comes from: if the rounds differ by about what
	 * their slices leave, more or shorter slices narrow the interval; if by much more,
	 * the rounds' fresh processes differ, and only more rounds do.
	 */
	private void noise() {
		line("");
		line("Where the spread of the Check calls/s ratios comes from (health-grpc ÷ bare): \"between rounds\" is the "
				+ "standard deviation of the per-round ratios' logarithms, \"within a round\" the standard error of a "
				+ "round's slice ratios' logarithms (each turn's slice ÷ the bare server's slice of the same turn; "
				+ "median over the rounds). Near 1 ÷: the rounds agree as far as their slices allow. Well above: the "
				+ "rounds' processes differ, which only more rounds average out.");
		line("");
		line("| line | in flight | per-round ratio, lowest–highest | between rounds | within a round | between ÷ within |");
		line("| --- | ---: | ---: | ---: | ---: | ---: |");
		for (Line line : Line.values()) {
			Target bare = line.target(Role.BARE);
			Target starter = line.target(Role.STARTER);
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				SortedMap<Integer, Double> rounds = this.results.ratios(starter, bare, Metric.CALLS_PER_SECOND,
						inFlight);
				if (rounds.isEmpty()) {
					continue;
				}
				double between = Stats.sdOfLogs(rounds.values());
				double within = Stats.median(this.results.sliceRatios(starter, bare, inFlight)
					.values()
					.stream()
					.filter((slices) -> slices.size() > 1)
					.map((slices) -> Stats.sdOfLogs(slices) / Math.sqrt(slices.size()))
					.toList());
				line("| %s | %d | %s–%s | %s | %s | %s |", line.title(), inFlight,
						Stats.ratio(Stats.min(rounds.values())), Stats.ratio(Stats.max(rounds.values())),
						spread(between), spread(within), Stats.ratio((within > 0) ? between / within : Double.NaN));
			}
		}
	}

	/**
	 * What the Check p99 ratios' spread between rounds is made of: what took the CPUs
	 * during the slow slices against the others, each server's compilations and pauses
	 * during its slices, and the ratio of the slices none of them disturbed.
	 */
	private void tails() {
		line("");
		line("What the spread of the Check p99 ratios is made of: the JIT compilers and collector pauses that ran during "
				+ "the measured slices and the settle time before each (their threads' CPU time, read from "
				+ "`/proc/<pid>/task`; a pause is the time of G1's pause workers). A slice is slow when its p99 is over "
				+ "%s × the median p99 of the same server's slices in its round at its concurrency; a cause counts in a "
				+ "slice when it took %s ms or more of it, and the shares count the slices of the line's bare and "
				+ "health-grpc servers that tell (runs before 2026-12-07 tell only the time of the server's own "
				+ "compilations that finished in the slice). Undisturbed slices are those in which no compiler on the "
				+ "servers' CPU (the server's own or another server's of the line) and no pause of the load generator "
				+ "took %s ms or more (below that, a thread woke for microseconds); the server's own collections "
				+ "stay in (they are what it allocates), and so does the load generator's compiler (alike for every "
				+ "server). Their p99 ratio is the servers' steady state, the compilations left over from the warm-up "
				+ "taken out, from the few slices a round has of them. The last column tells whether the rounds in "
				+ "which health-grpc's server compiled more than bare's during their slices (its compiler's time "
				+ "less bare's, or the compilations that finished in them for runs before 2026-12-07) are those in "
				+ "which its p99 ratio was higher: 1 if always, 0 if that says nothing.",
				Stats.ratio(SlowSlices.FACTOR), Stats.format(SlowSlices.TOOK_MILLIS),
				Stats.ratio(Disturbance.RAN_MILLIS));
		line("");
		line("| line | in flight | p99 ÷ bare, every slice | p99 ÷ bare, undisturbed slices | undisturbed slices "
				+ "per round, bare / health-grpc | slow slices | server's compiler: slow / others "
				+ "| neighbours' compilers: slow / others | load generator's pauses: slow / others "
				+ "| server's pauses: slow / others | per-round p99 ratio against ours less bare's compiler time, "
				+ "rank correlation |");
		line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (Line line : Line.values()) {
			Target bare = line.target(Role.BARE);
			Target starter = line.target(Role.STARTER);
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				Interval every = ratio(starter, bare, Metric.P99_MS, inFlight);
				if (every.isEmpty()) {
					continue;
				}
				List<List<CheckLoad.Slice>> loads = new ArrayList<>();
				for (Target target : List.of(bare, starter)) {
					loads.addAll(slicesOf(target, inFlight).values());
				}
				SlowSlices slices = new SlowSlices(loads);
				Interval undisturbed = ratio(starter, bare, Metric.P99_UNDISTURBED_MS, inFlight);
				line("| %s | %d | %s | %s | %s | %,d of %,d | %s / %s | %s / %s | %s / %s | %s / %s | %s |",
						line.title(), inFlight, every.formatRatio(),
						undisturbed.isEmpty() ? "–"
								: undisturbed.formatRatio() + ((undisturbed.rounds() < every.rounds())
										? " (" + undisturbed.rounds() + " rounds)" : ""),
						medianSlices(bare, inFlight) + " / " + medianSlices(starter, inFlight), slices.slow(),
						slices.all(), slices.amongSlow(Cause.SERVER_COMPILER),
						slices.amongOthers(Cause.SERVER_COMPILER), slices.amongSlow(Cause.NEIGHBOURS_COMPILER),
						slices.amongOthers(Cause.NEIGHBOURS_COMPILER), slices.amongSlow(Cause.LOAD_GENERATOR_PAUSE),
						slices.amongOthers(Cause.LOAD_GENERATOR_PAUSE), slices.amongSlow(Cause.SERVER_PAUSE),
						slices.amongOthers(Cause.SERVER_PAUSE), compileCorrelation(bare, starter, inFlight));
			}
		}
		line("");
		line("Each server's own compilations and pauses during its measured slices (and their settle time), over the "
				+ "slices that tell: the share of slices of which its compiler, or its collector's pauses, took %s ms "
				+ "or more, and their mean time per slice.", Stats.format(SlowSlices.TOOK_MILLIS));
		line("");
		line("| target | in flight | slices | compiler took %s ms or more | compiler, ms per slice "
				+ "| paused %s ms or more | pauses, ms per slice |", Stats.format(SlowSlices.TOOK_MILLIS),
				Stats.format(SlowSlices.TOOK_MILLIS));
		line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (Target target : measured()) {
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				List<CheckLoad.Slice> slices = slicesOf(target, inFlight).values()
					.stream()
					.flatMap(List::stream)
					.filter((slice) -> slice.disturbance().known())
					.toList();
				if (slices.isEmpty()) {
					continue;
				}
				line("| %s | %d | %,d | %s | %s | %s | %s |", target.label(), inFlight, slices.size(),
						SlowSlices.share(slices, Cause.SERVER_COMPILER),
						SlowSlices.meanMillis(slices, Cause.SERVER_COMPILER),
						SlowSlices.share(slices, Cause.SERVER_PAUSE),
						SlowSlices.meanMillis(slices, Cause.SERVER_PAUSE));
			}
		}
	}

	/**
	 * Whether the rounds in which health-grpc's server compiled more than bare's during
	 * their slices are those in which its p99 ratio was higher: the rank correlation over
	 * the rounds of the two.
	 */
	private String compileCorrelation(Target bare, Target starter, int inFlight) {
		SortedMap<Integer, List<CheckLoad.Slice>> ours = slicesOf(starter, inFlight);
		SortedMap<Integer, List<CheckLoad.Slice>> theirs = slicesOf(bare, inFlight);
		List<Double> ratios = new ArrayList<>();
		List<Double> compiled = new ArrayList<>();
		this.results.ratios(starter, bare, Metric.P99_MS, inFlight).forEach((round, ratio) -> {
			if (ours.containsKey(round) && theirs.containsKey(round)) {
				double more = SlowSlices.totalMillis(ours.get(round), Cause.SERVER_COMPILER)
						- SlowSlices.totalMillis(theirs.get(round), Cause.SERVER_COMPILER);
				if (!Double.isNaN(more)) {
					ratios.add(ratio);
					compiled.add(more);
				}
			}
		});
		double correlation = Stats.rankCorrelation(ratios, compiled);
		return Double.isNaN(correlation) ? "–"
				: String.format(Locale.ROOT, "%.2f (%d rounds)", correlation, ratios.size());
	}

	private SortedMap<Integer, List<CheckLoad.Slice>> slicesOf(Target target, int inFlight) {
		return this.results.slices()
			.getOrDefault(new Results.Key(target, Metric.CALLS_PER_SECOND, inFlight), Collections.emptySortedMap());
	}

	private String medianSlices(Target target, int inFlight) {
		Collection<Double> rounds = this.results.rounds(target, Metric.UNDISTURBED_SLICES, inFlight).values();
		return rounds.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", Stats.median(rounds));
	}

	private static String spread(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
	}

	private void watch(Path out) throws IOException {
		line("");
		line("## Watch fan-out");
		line("");
		line("| target | watchers | every watcher saw the flip, ms | ÷ bare | worst flip, ms | server CPU per flip, ms "
				+ "| CPU ÷ bare | load generator CPU per flip, ms | setter, ms | slowest setter, ms "
				+ "| heap per watcher, KB |");
		line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		List<Target> watched = measured().stream().filter(Target::fullRun).toList();
		for (Target target : watched) {
			Target bare = target.line().target(Role.BARE);
			for (int watchers : this.options.watchers) {
				line("| %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s |", target.label(), watchers,
						this.results.interval(target, Metric.FLIP_MS, watchers).format(),
						(target == bare) ? "–" : ratio(target, bare, Metric.FLIP_MS, watchers).formatRatio(),
						Stats.format(Stats.max(this.results.rounds(target, Metric.FLIP_WORST_MS, watchers).values())),
						this.results.interval(target, Metric.FLIP_CPU_MS, watchers).format(),
						(target == bare) ? "–" : ratio(target, bare, Metric.FLIP_CPU_MS, watchers).formatRatio(),
						this.results.interval(target, Metric.FLIP_LOAD_CPU_MS, watchers).format(),
						this.results.interval(target, Metric.SETTER_MS, watchers).format(),
						Stats.format(Stats.max(this.results.rounds(target, Metric.SETTER_MAX_MS, watchers).values())),
						this.results.interval(target, Metric.HEAP_PER_WATCHER_BYTES, watchers)
							.times(1 / 1024.0)
							.format());
			}
		}
		List<String> groups = this.options.watchers.stream()
			.map((w) -> String.format(Locale.ROOT, "%,d watchers", w))
			.toList();
		chart(out.resolve("watch-flip.png"), "Watch: time until every watcher saw a flip (lower is better)", "ms",
				groups, watched,
				(target) -> this.options.watchers.stream()
					.map((w) -> this.results.interval(target, Metric.FLIP_MS, w))
					.toList());
		chart(out.resolve("watch-setter.png"), "Watch: time the status setter takes (lower is better)", "ms", groups,
				watched,
				(target) -> this.options.watchers.stream()
					.map((w) -> this.results.interval(target, Metric.SETTER_MS, w))
					.toList());
		line("");
		line("![Watch flip](watch-flip.png)");
		line("![Watch setter](watch-setter.png)");
	}

	private void startup() {
		line("");
		line("## Startup (JVM launch until Check(\"\") answers SERVING)");
		line("");
		line("| target | wall ms | ÷ bare | ÷ built-in | JVM uptime at ready, ms | starts |");
		line("| --- | ---: | ---: | ---: | ---: | ---: |");
		for (Target target : measured()) {
			Target bare = target.line().target(Role.BARE);
			Target builtIn = target.line().target(Role.BUILT_IN);
			line("| %s | %s | %s | %s | %s | %d |", target.label(),
					this.results.interval(target, Metric.STARTUP_MS, 0).format(),
					(target == bare) ? "–" : ratio(target, bare, Metric.STARTUP_MS, 0).formatRatio(),
					(target.role() == Role.STARTER || target.role() == Role.SLOW)
							? ratio(target, builtIn, Metric.STARTUP_MS, 0).formatRatio() : "–",
					this.results.interval(target, Metric.UPTIME_AT_READY_MS, 0).format(),
					this.results.rounds(target, Metric.STARTUP_MS, 0).size());
		}
		line("");
		line("A health-grpc server answers NOT_SERVING until its first evaluation of the health contributors, so "
				+ "the 5 s contributor variants become SERVING about 5 s later, by design.");
	}

	private void probes() {
		line("");
		line("## Consul GRPC check cost (a new connection and one Check per probe, as Consul does)");
		line("");
		line("| target | probe p50, ms | probe p99, ms | server CPU per probe, µs | CPU ÷ bare |");
		line("| --- | ---: | ---: | ---: | ---: |");
		for (Target target : measured().stream().filter(Target::fullRun).toList()) {
			Target bare = target.line().target(Role.BARE);
			line("| %s | %s | %s | %s | %s |", target.label(),
					this.results.interval(target, Metric.PROBE_P50_MS, 0).format(),
					this.results.interval(target, Metric.PROBE_P99_MS, 0).format(),
					this.results.interval(target, Metric.PROBE_CPU_US, 0).format(),
					(target == bare) ? "–" : ratio(target, bare, Metric.PROBE_CPU_US, 0).formatRatio());
		}
	}

	private void failures() {
		if (this.results.failures().isEmpty()) {
			return;
		}
		line("");
		line("## Failures");
		line("");
		line("Rounds in which a target failed are left out of its figures and of every ratio with it:");
		line("");
		for (String failure : this.results.failures()) {
			line("- %s", failure.replace("|", "\\|"));
		}
	}

	private void chart(Path file, String title, String unit, List<String> groups, List<Target> targets,
			Function<Target, List<Interval>> values) throws IOException {
		List<List<Interval>> series = new ArrayList<>();
		for (Target target : targets) {
			series.add(values.apply(target));
		}
		// one row of the legend per line
		Set<Integer> lineStarts = new HashSet<>();
		for (int i = 1; i < targets.size(); i++) {
			if (targets.get(i).line() != targets.get(i - 1).line()) {
				lineStarts.add(i);
			}
		}
		new BarChart(title, unit, groups, targets.stream().map(Target::label).toList(),
				targets.stream().map(BarChart::color).toList(), series, lineStarts)
			.write(file);
	}

	/** The ratio's interval; its per-round values go to the CSV once. */
	private Interval ratio(Target target, Target anchor, Metric metric, int parameter) {
		SortedMap<Integer, Double> ratios = this.results.ratios(target, anchor, metric, parameter);
		String name = target.kind() + "/" + anchor.kind();
		if (this.ratiosWritten.add(name + "," + metric + "," + parameter)) {
			for (Map.Entry<Integer, Double> round : ratios.entrySet()) {
				this.ratioCsv.append(String.format(Locale.ROOT, "ratio,%s,%d,%d,%s,%s%n", name, round.getKey(),
						parameter, metric.csvName(), round.getValue()));
			}
		}
		return Stats.interval(ratios.values());
	}

	private List<Target> measured() {
		return this.options.targets.stream().filter(this.results::has).toList();
	}

	private static String letter(Target target) {
		return target.label().substring(0, target.label().indexOf(')') + 1);
	}

	private static String machine() {
		// the driver's own processor count is its pinned CPUs': count the machine's
		long cpus = Runtime.getRuntime().availableProcessors();
		String model = "";
		try {
			List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
			cpus = cpuinfo.stream().filter((line) -> line.startsWith("processor")).count();
			model = cpuinfo.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> " (" + line.substring(line.indexOf(':') + 1).trim() + ")")
				.findFirst()
				.orElse("");
		}
		catch (IOException ex) {
			// not Linux
		}
		return "%d CPUs%s, %s %s, Java %s (%s)".formatted(cpus, model, System.getProperty("os.name"),
				System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
	}

	private static String seconds(java.time.Duration duration) {
		double seconds = duration.toMillis() / 1000.0;
		return (seconds == Math.rint(seconds)) ? Long.toString((long) seconds) : Double.toString(seconds);
	}

	private void line(String format, Object... args) {
		this.md.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
