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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark command. {@code java -jar health-grpc-benchmarks.jar [options]} runs,
 * round after round with the targets in a rotating order and a fresh server process each
 * time: Check load at 1, 64 and 256 calls in flight, Consul-style probes and startup time
 * (against (a) bare grpc-java, (b) net.devh's built-in health, (c) health-grpc and (c)
 * with a 5 s health contributor), then Watch fan-out ((a), (b), (c)). It prints each
 * figure as it goes and writes {@code results.md}, {@code results.csv} and the PNG plots
 * to the output folder.
 * <p>
 * Options: {@code --rounds=6}, {@code --out=benchmarks/target/results},
 * {@code --warm-up=3} and {@code --measure=5} (seconds per concurrency),
 * {@code --watchers=1000,10000}, {@code --flips=6}, {@code --probes=300}, {@code --quick}
 * (one short round, to try the command out).
 *
 * @author health-grpc authors
 */
public final class Benchmarks {

	static final List<Integer> IN_FLIGHT = List.of(1, 64, 256);

	private final Options options;

	private final Results results = new Results();

	private final long started = System.nanoTime();

	private Benchmarks(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("server")) {
			BenchServer.main(args[1]);
			return;
		}
		Options options = Options.parse(args);
		new Benchmarks(options).run();
		System.exit(0);
	}

	private void run() throws Exception {
		Files.createDirectories(this.options.out);
		System.out.printf(Locale.ROOT,
				"health-grpc benchmarks: %d rounds, %d s warm-up + %d s measured per concurrency, %s watchers, "
						+ "%d probes; servers: java %s; results in %s%n",
				this.options.rounds, this.options.warmUp.toSeconds(), this.options.measured.toSeconds(),
				this.options.watchers, this.options.probes, String.join(" ", ServerProcess.SERVER_JVM_FLAGS),
				this.options.out.toAbsolutePath());
		CheckLoad load = new CheckLoad(this.options.warmUp, this.options.measured);
		ProbeCost probes = new ProbeCost(this.options.probes);
		for (int round = 1; round <= this.options.rounds; round++) {
			for (Target target : Target.order(Target.CHECK, round)) {
				try (ServerProcess server = ServerProcess.start(target)) {
					this.results.startup(target, server.startupMillis(), server.uptimeAtReadyMillis());
					progress(round, target, "ready in %.0f ms (JVM uptime %.0f ms)", server.startupMillis(),
							server.uptimeAtReadyMillis());
					for (int inFlight : IN_FLIGHT) {
						CheckLoad.Result result = load.run(server.port(), inFlight);
						this.results.check(target, inFlight, result);
						progress(round, target, "Check %3d in flight: %,8.0f calls/s  p50 %6.3f ms  p99 %6.3f ms%s",
								inFlight, result.callsPerSecond(), result.p50Millis(), result.p99Millis(),
								(result.errors() > 0) ? "  ERRORS " + result.errors() : "");
					}
					if (target != Target.STARTER_SLOW) {
						ProbeCost.Result probe = probes.run(server);
						this.results.probe(target, probe);
						progress(round, target,
								"probe (new connection + Check): p50 %.2f ms  p99 %.2f ms  "
										+ "server CPU %.0f µs each",
								probe.p50Millis(), probe.p99Millis(), probe.serverCpuMicros());
					}
				}
			}
		}
		WatchFanout fanout = new WatchFanout(this.options.flips);
		for (int round = 1; round <= this.options.rounds; round++) {
			for (Target target : Target.order(Target.WATCH, round)) {
				try (ServerProcess server = ServerProcess.start(target)) {
					this.results.startup(target, server.startupMillis(), server.uptimeAtReadyMillis());
					for (WatchFanout.Result step : fanout.run(server, this.options.watchers)) {
						this.results.watch(target, step);
						progress(round, target,
								"Watch %,6d watchers: all saw the flip in %6.1f ms (median), setter %.3f ms, "
										+ "heap %.2f KB per watcher",
								step.watchers(), Stats.median(step.allSeenMillis()), Stats.median(step.setterMillis()),
								step.heapPerWatcher() / 1024);
					}
				}
			}
		}
		String report = new Report(this.results, this.options).write(this.options.out);
		System.out.println();
		System.out.println(report);
		System.out.printf(Locale.ROOT, "Done in %.1f min; results in %s%n", elapsedMinutes(),
				this.options.out.toAbsolutePath());
	}

	private void progress(int round, Target target, String format, Object... args) {
		System.out.printf(Locale.ROOT, "[%5.1f min] round %d/%d  %-24s %s%n", elapsedMinutes(), round,
				this.options.rounds, target.label(), String.format(Locale.ROOT, format, args));
	}

	private double elapsedMinutes() {
		return (System.nanoTime() - this.started) / 60e9;
	}

	/**
	 * The command line.
	 */
	static final class Options {

		int rounds = 6;

		Path out = Path.of("benchmarks", "target", "results");

		Duration warmUp = Duration.ofSeconds(3);

		Duration measured = Duration.ofSeconds(5);

		List<Integer> watchers = List.of(1_000, 10_000);

		int flips = 6;

		int probes = 300;

		String date = LocalDate.now().toString();

		static Options parse(String[] args) {
			Options options = new Options();
			for (String arg : args) {
				String[] pair = arg.replaceFirst("^--", "").split("=", 2);
				String value = (pair.length > 1) ? pair[1] : "";
				switch (pair[0]) {
					case "rounds" -> options.rounds = Integer.parseInt(value);
					case "out" -> options.out = Path.of(value);
					case "warm-up" -> options.warmUp = Duration.ofSeconds(Long.parseLong(value));
					case "measure" -> options.measured = Duration.ofSeconds(Long.parseLong(value));
					case "watchers" -> options.watchers = Arrays.stream(value.split(","))
						.map(String::trim)
						.map(Integer::parseInt)
						.sorted()
						.toList();
					case "flips" -> options.flips = Integer.parseInt(value);
					case "probes" -> options.probes = Integer.parseInt(value);
					case "quick" -> {
						options.rounds = 1;
						options.warmUp = Duration.ofSeconds(1);
						options.measured = Duration.ofSeconds(2);
						options.watchers = List.of(100, 1_000);
						options.flips = 2;
						options.probes = 30;
					}
					default -> throw new IllegalArgumentException("unknown option " + arg
							+ "; options: --rounds=N --out=DIR --warm-up=S --measure=S --watchers=N,M --flips=N "
							+ "--probes=N --quick");
				}
			}
			return options;
		}

	}

	/**
	 * Every measurement of a run, by target.
	 */
	static final class Results {

		final Map<Target, Map<Integer, List<CheckLoad.Result>>> check = new LinkedHashMap<>();

		final Map<Target, List<double[]>> startup = new LinkedHashMap<>();

		final Map<Target, List<ProbeCost.Result>> probes = new LinkedHashMap<>();

		final Map<Target, Map<Integer, List<WatchFanout.Result>>> watch = new LinkedHashMap<>();

		void check(Target target, int inFlight, CheckLoad.Result result) {
			this.check.computeIfAbsent(target, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(inFlight, (key) -> new ArrayList<>())
				.add(result);
		}

		void startup(Target target, double wallMillis, double uptimeMillis) {
			this.startup.computeIfAbsent(target, (key) -> new ArrayList<>())
				.add(new double[] { wallMillis, uptimeMillis });
		}

		void probe(Target target, ProbeCost.Result result) {
			this.probes.computeIfAbsent(target, (key) -> new ArrayList<>()).add(result);
		}

		void watch(Target target, WatchFanout.Result result) {
			this.watch.computeIfAbsent(target, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(result.watchers(), (key) -> new ArrayList<>())
				.add(result);
		}

	}

}
