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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns a run's measurements into {@code results.md} (medians, the rounds' spread, ratios
 * to the anchors and the targets), {@code results.csv} (every raw figure) and the
 * PNG plots.
 *
 * @author health-grpc authors
 */
final class Report {

	private final Benchmarks.Results results;

	private final Benchmarks.Options options;

	private final StringBuilder md = new StringBuilder();

	private final StringBuilder csv = new StringBuilder("section,target,round,parameter,metric,value\n");

	Report(Benchmarks.Results results, Benchmarks.Options options) {
		this.results = results;
		this.options = options;
	}

	String write(Path out) throws IOException {
		line("# Benchmark results, %s", this.options.date);
		line("");
		line("%d rounds, targets in a rotating order, a fresh server process each time (java %s); the load "
				+ "generator is the driver process. %d s warm-up and %d s measured per concurrency. "
				+ "Medians, with the lowest and highest round in brackets.", this.options.rounds,
				String.join(" ", ServerProcess.SERVER_JVM_FLAGS), this.options.warmUp.toSeconds(),
				this.options.measured.toSeconds());
		check(out);
		watch(out);
		startup();
		probes();
		Files.writeString(out.resolve("results.md"), this.md);
		Files.writeString(out.resolve("results.csv"), this.csv);
		return this.md.toString();
	}

	private void check(Path out) throws IOException {
		line("");
		line("## Check(\"\"): throughput and latency");
		line("");
		line("| target | in flight | calls/s | / (a) | p50 ms | p99 ms | p99 / (a) | errors |");
		line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (Map.Entry<Target, Map<Integer, List<CheckLoad.Result>>> target : this.results.check.entrySet()) {
			for (int inFlight : Benchmarks.IN_FLIGHT) {
				List<CheckLoad.Result> runs = target.getValue().getOrDefault(inFlight, List.of());
				for (int round = 0; round < runs.size(); round++) {
					CheckLoad.Result run = runs.get(round);
					raw("check", target.getKey(), round, inFlight, "calls_per_second", run.callsPerSecond());
					raw("check", target.getKey(), round, inFlight, "p50_ms", run.p50Millis());
					raw("check", target.getKey(), round, inFlight, "p99_ms", run.p99Millis());
					raw("check", target.getKey(), round, inFlight, "errors", run.errors());
				}
				line("| %s | %d | %s | %s | %s | %s | %s | %d |", target.getKey().label(), inFlight,
						Stats.spread(of(runs, CheckLoad.Result::callsPerSecond)),
						Stats.ratio(ratio(target.getKey(), Target.BARE, inFlight, CheckLoad.Result::callsPerSecond)),
						Stats.format(Stats.median(of(runs, CheckLoad.Result::p50Millis))),
						Stats.spread(of(runs, CheckLoad.Result::p99Millis)),
						Stats.ratio(ratio(target.getKey(), Target.BARE, inFlight, CheckLoad.Result::p99Millis)),
						runs.stream().mapToLong(CheckLoad.Result::errors).sum());
			}
		}
		line("");
		line("Targets (ratios of the medians):");
		line("");
		line("| in flight | calls/s (c)/(a), target >= 0.95 | p99 (c)/(a), target <= 1.10 | calls/s (c)/(b) "
				+ "| p99 (c + 5 s contributor)/(c), target <= 1.10 | p99 (c + 5 s contributor)/(a) |");
		line("| ---: | ---: | ---: | ---: | ---: | ---: |");
		for (int inFlight : Benchmarks.IN_FLIGHT) {
			double throughput = ratio(Target.STARTER, Target.BARE, inFlight, CheckLoad.Result::callsPerSecond);
			double p99 = ratio(Target.STARTER, Target.BARE, inFlight, CheckLoad.Result::p99Millis);
			double slow = ratio(Target.STARTER_SLOW, Target.STARTER, inFlight, CheckLoad.Result::p99Millis);
			line("| %d | %s %s | %s %s | %s | %s %s | %s |", inFlight, Stats.ratio(throughput),
					verdict(throughput >= 0.95), Stats.ratio(p99), verdict(p99 <= 1.10),
					Stats.ratio(ratio(Target.STARTER, Target.NET_DEVH, inFlight, CheckLoad.Result::callsPerSecond)),
					Stats.ratio(slow), verdict(slow <= 1.10),
					Stats.ratio(ratio(Target.STARTER_SLOW, Target.BARE, inFlight, CheckLoad.Result::p99Millis)));
		}
		List<Target> targets = Target.CHECK.stream().filter(this.results.check::containsKey).toList();
		chart(out.resolve("check-throughput.png"), "Check(\"\") throughput by calls in flight (higher is better)",
				"calls/s", targets, CheckLoad.Result::callsPerSecond);
		chart(out.resolve("check-p99.png"), "Check(\"\") p99 latency by calls in flight (lower is better)", "ms",
				targets, CheckLoad.Result::p99Millis);
		line("");
		line("![Check throughput](check-throughput.png)");
		line("![Check p99](check-p99.png)");
	}

	private void watch(Path out) throws IOException {
		line("");
		line("## Watch fan-out");
		line("");
		line("| target | watchers | every watcher saw the flip, ms | worst flip, ms | setter, ms | heap per watcher, KB |");
		line("| --- | ---: | ---: | ---: | ---: | ---: |");
		List<Target> targets = Target.WATCH.stream().filter(this.results.watch::containsKey).toList();
		List<Integer> steps = this.options.watchers;
		double[][] flip = new double[targets.size()][steps.size()];
		double[][] flipLow = new double[targets.size()][steps.size()];
		double[][] flipHigh = new double[targets.size()][steps.size()];
		double[][] setter = new double[targets.size()][steps.size()];
		double[][] none = new double[targets.size()][steps.size()];
		for (int t = 0; t < targets.size(); t++) {
			for (int w = 0; w < steps.size(); w++) {
				List<WatchFanout.Result> runs = this.results.watch.get(targets.get(t))
					.getOrDefault(steps.get(w), List.of());
				List<Double> flips = new ArrayList<>();
				List<Double> setters = new ArrayList<>();
				List<Double> heaps = new ArrayList<>();
				List<Double> roundMedians = new ArrayList<>();
				for (int round = 0; round < runs.size(); round++) {
					WatchFanout.Result run = runs.get(round);
					flips.addAll(run.allSeenMillis());
					setters.addAll(run.setterMillis());
					heaps.add(run.heapPerWatcher() / 1024);
					roundMedians.add(Stats.median(run.allSeenMillis()));
					raw("watch", targets.get(t), round, steps.get(w), "all_seen_ms_median",
							Stats.median(run.allSeenMillis()));
					raw("watch", targets.get(t), round, steps.get(w), "setter_ms_median",
							Stats.median(run.setterMillis()));
					raw("watch", targets.get(t), round, steps.get(w), "heap_bytes_per_watcher", run.heapPerWatcher());
				}
				flip[t][w] = Stats.median(flips);
				flipLow[t][w] = Stats.min(roundMedians);
				flipHigh[t][w] = Stats.max(roundMedians);
				setter[t][w] = Stats.median(setters);
				none[t][w] = Double.NaN;
				line("| %s | %,d | %s | %s | %s (max %s) | %s |", targets.get(t).label(), steps.get(w),
						Stats.format(flip[t][w]) + " (" + Stats.format(flipLow[t][w]) + "–"
								+ Stats.format(flipHigh[t][w]) + ")",
						Stats.format(Stats.max(flips)), Stats.format(setter[t][w]), Stats.format(Stats.max(setters)),
						Stats.spread(heaps));
			}
		}
		int bare = targets.indexOf(Target.BARE);
		int starter = targets.indexOf(Target.STARTER);
		if (bare >= 0 && starter >= 0) {
			line("");
			line("| watchers | flip seen by all (c)/(a), target <= 1.00 | setter (c), target < 1 ms | heap per watcher (c), target <= 1.5 KB |");
			line("| ---: | ---: | ---: | ---: |");
			for (int w = 0; w < steps.size(); w++) {
				double flipRatio = flip[starter][w] / flip[bare][w];
				List<Double> heaps = this.results.watch.get(Target.STARTER)
					.getOrDefault(steps.get(w), List.of())
					.stream()
					.map((run) -> run.heapPerWatcher() / 1024)
					.toList();
				double heap = Stats.median(heaps);
				line("| %,d | %s %s | %s ms %s | %s KB %s |", steps.get(w), Stats.ratio(flipRatio),
						verdict(flipRatio <= 1.0), Stats.format(setter[starter][w]), verdict(setter[starter][w] < 1),
						Stats.format(heap), verdict(heap <= 1.5));
			}
		}
		List<String> groups = steps.stream().map((w) -> String.format(Locale.ROOT, "%,d watchers", w)).toList();
		List<String> labels = targets.stream().map(Target::label).toList();
		new BarChart("Watch: time until every watcher saw a flip (lower is better)", "ms", groups, labels, flip,
				flipLow, flipHigh)
			.write(out.resolve("watch-flip.png"));
		new BarChart("Watch: time the status setter takes (lower is better)", "ms", groups, labels, setter, none, none)
			.write(out.resolve("watch-setter.png"));
		line("");
		line("![Watch flip](watch-flip.png)");
		line("![Watch setter](watch-setter.png)");
	}

	private void startup() {
		line("");
		line("## Startup (JVM launch until Check(\"\") answers SERVING)");
		line("");
		line("| target | wall ms | JVM uptime at ready, ms | starts |");
		line("| --- | ---: | ---: | ---: |");
		for (Map.Entry<Target, List<double[]>> target : this.results.startup.entrySet()) {
			List<Double> wall = target.getValue().stream().map((run) -> run[0]).toList();
			List<Double> uptime = target.getValue().stream().map((run) -> run[1]).toList();
			for (int i = 0; i < wall.size(); i++) {
				raw("startup", target.getKey(), i, 0, "wall_ms", wall.get(i));
			}
			line("| %s | %s | %s | %d |", target.getKey().label(), Stats.spread(wall),
					Stats.format(Stats.median(uptime)), wall.size());
		}
		double c = startupMedian(Target.STARTER);
		double b = startupMedian(Target.NET_DEVH);
		line("");
		line("Startup (c)/(b): %s %s (target <= 1.10)", Stats.ratio(c / b), verdict(c / b <= 1.10));
	}

	private void probes() {
		line("");
		line("## Consul GRPC check cost (a new connection and one Check per probe, as Consul does)");
		line("");
		line("| target | probe p50, ms | probe p99, ms | server CPU per probe, µs | CPU / (a) |");
		line("| --- | ---: | ---: | ---: | ---: |");
		double bareCpu = Stats
			.median(of(this.results.probes.getOrDefault(Target.BARE, List.of()), ProbeCost.Result::serverCpuMicros));
		for (Map.Entry<Target, List<ProbeCost.Result>> target : this.results.probes.entrySet()) {
			List<ProbeCost.Result> runs = target.getValue();
			for (int i = 0; i < runs.size(); i++) {
				raw("probe", target.getKey(), i, 0, "p50_ms", runs.get(i).p50Millis());
				raw("probe", target.getKey(), i, 0, "server_cpu_us", runs.get(i).serverCpuMicros());
			}
			double cpu = Stats.median(of(runs, ProbeCost.Result::serverCpuMicros));
			line("| %s | %s | %s | %s | %s |", target.getKey().label(),
					Stats.spread(of(runs, ProbeCost.Result::p50Millis)),
					Stats.format(Stats.median(of(runs, ProbeCost.Result::p99Millis))),
					Stats.spread(of(runs, ProbeCost.Result::serverCpuMicros)), Stats.ratio(cpu / bareCpu));
		}
	}

	private void chart(Path file, String title, String unit, List<Target> targets,
			ToDoubleFunction<CheckLoad.Result> metric) throws IOException {
		List<Integer> inFlight = Benchmarks.IN_FLIGHT;
		double[][] median = new double[targets.size()][inFlight.size()];
		double[][] low = new double[targets.size()][inFlight.size()];
		double[][] high = new double[targets.size()][inFlight.size()];
		for (int t = 0; t < targets.size(); t++) {
			for (int i = 0; i < inFlight.size(); i++) {
				List<Double> values = of(
						this.results.check.get(targets.get(t)).getOrDefault(inFlight.get(i), List.of()), metric);
				median[t][i] = Stats.median(values);
				low[t][i] = Stats.min(values);
				high[t][i] = Stats.max(values);
			}
		}
		new BarChart(title, unit, inFlight.stream().map((n) -> n + " in flight").toList(),
				targets.stream().map(Target::label).toList(), median, low, high)
			.write(file);
	}

	private double ratio(Target target, Target anchor, int inFlight, ToDoubleFunction<CheckLoad.Result> metric) {
		return median(target, inFlight, metric) / median(anchor, inFlight, metric);
	}

	private double median(Target target, int inFlight, ToDoubleFunction<CheckLoad.Result> metric) {
		return Stats
			.median(of(this.results.check.getOrDefault(target, Map.of()).getOrDefault(inFlight, List.of()), metric));
	}

	private double startupMedian(Target target) {
		return Stats
			.median(this.results.startup.getOrDefault(target, List.of()).stream().map((run) -> run[0]).toList());
	}

	private static <T> List<Double> of(List<T> runs, ToDoubleFunction<T> metric) {
		return runs.stream().map((run) -> metric.applyAsDouble(run)).toList();
	}

	private static String verdict(boolean met) {
		return met ? "met" : "**missed**";
	}

	private void raw(String section, Target target, int round, int parameter, String metric, double value) {
		this.csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s%n", section, target.kind(), round + 1, parameter,
				metric, value));
	}

	private void line(String format, Object... args) {
		this.md.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
