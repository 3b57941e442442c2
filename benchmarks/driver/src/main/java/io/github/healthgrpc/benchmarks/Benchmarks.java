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

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.healthgrpc.benchmarks.Results.Metric;

/**
 * The benchmark command, {@code java -jar driver.jar [options]} ({@link Options}); run it
 * through {@code bash benchmarks/run.sh}, which builds the jars and pins the processes.
 * <p>
 * Round after round, line by line, it starts a fresh server process for each of the
 * line's targets from the line's jar, one after another in an order that rotates each
 * round (each measured from launch until {@code Check("")} answers SERVING, the next
 * launched once the last is quiet), keeps them all running and measures them side by
 * side: Check load at 1, 64 and 256 calls in flight in slices that take turns between the
 * servers, Consul-style probes, and Watch fan-out (1,000 then 10,000 streams on each
 * server, flips taking turns); the 5 s contributor variants get the Check load only. It
 * prints each figure as it goes, and after every round writes {@code results.md},
 * {@code results.csv} and the PNG plots to the output folder, so that an interrupted run
 * still leaves a report of the rounds it completed.
 *
 * @author health-grpc authors
 */
public final class Benchmarks {

	static final List<Integer> IN_FLIGHT = List.of(1, 64, 256);

	/**
	 * How long a server may take to become quiet after SERVING before the next starts.
	 */
	static final Duration QUIET_LIMIT = Duration.ofSeconds(20);

	private final Options options;

	private final Pinning pinning;

	private final Results results = new Results();

	private final long started = System.nanoTime();

	private String serverCpusSeen;

	private Benchmarks(Options options, Pinning pinning) {
		this.options = options;
		this.pinning = pinning;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Pinning pinning = Pinning.decide(options.serverCpus, options.unpinnedReason, Pinning.allowedCpus("self"),
				Pinning.tasksetFound());
		if (!options.pool.isEmpty()) {
			pool(options, pinning);
			System.exit(0);
		}
		new Benchmarks(options, pinning).run();
		System.exit(0);
	}

	// measures nothing: one report of the rounds of runs made before
	private static void pool(Options options, Pinning pinning) throws Exception {
		PooledRuns pooled = PooledRuns.read(options.pool);
		options.rounds = pooled.rounds();
		String md = new Report(pooled.results(), options, pinning, null, pooled.rounds()).pooledFrom(pooled)
			.write(options.out);
		System.out.println(md);
		System.out.printf(Locale.ROOT, "%d rounds pooled from %d runs; results in %s%n", pooled.rounds(),
				options.pool.size(), options.out.toAbsolutePath());
	}

	private void run() throws Exception {
		Files.createDirectories(this.options.out);
		System.out.printf(Locale.ROOT,
				"health-grpc benchmarks: %d rounds of %d targets; %.2f to %.2f s warm-up per server; per concurrency %.2f s "
						+ "of load then %d slices per server, each %.2f s settle + %.2f s measured; %s watchers; "
						+ "%d probes%nservers: java %s; %s%nexpected duration: about %d min; results in %s%n",
				this.options.rounds, this.options.targets.size(), seconds(this.options.warmUp),
				seconds(this.options.warmUpLimit), seconds(this.options.concurrencyWarmUp), this.options.slices,
				seconds(this.options.settle), seconds(this.options.measured), this.options.watchers,
				this.options.probes, String.join(" ", ServerProcess.SERVER_JVM_FLAGS), this.pinning.describe(),
				Math.round(this.options.expected().toSeconds() / 60.0), this.options.out.toAbsolutePath());
		CheckLoad load = new CheckLoad(this.options.warmUpRule(), this.options.concurrencyWarmUp, this.options.settle,
				this.options.measured, this.options.slices, new StolenTime(Pinning.cpus(this.pinning.serverCpus())),
				new StolenTime(this.pinning.pinned() ? Pinning.cpus(this.pinning.loadCpus()) : new BitSet()));
		ProbeCost probes = new ProbeCost(this.options.probes);
		WatchFanout fanout = new WatchFanout(this.options.flips);
		for (int round = 1; round <= this.options.rounds; round++) {
			for (List<Target> group : groups(round)) {
				long groupStarted = System.nanoTime();
				measure(round, group, load, probes, fanout);
				System.out.printf(Locale.ROOT, "[%5.1f min] round %d/%d  %s done in %.0f s%n", elapsedMinutes(), round,
						this.options.rounds, group.get(0).line().title(), (System.nanoTime() - groupStarted) / 1e9);
			}
			new Report(this.results, this.options, this.pinning, this.serverCpusSeen, round).write(this.options.out);
			double perRound = elapsedMinutes() / round;
			System.out.printf(Locale.ROOT, "[%5.1f min] round %d/%d done; about %.0f min to go%n", elapsedMinutes(),
					round, this.options.rounds, perRound * (this.options.rounds - round));
		}
		System.out.println();
		System.out.println(Files.readString(this.options.out.resolve("results.md")));
		System.out.printf(Locale.ROOT, "Done in %.1f min; results in %s%n", elapsedMinutes(),
				this.options.out.toAbsolutePath());
	}

	/**
	 * Round {@code round}'s groups: the targets of each line, in the order that rotates
	 * every round, the line that goes first alternating.
	 */
	private List<List<Target>> groups(int round) {
		List<List<Target>> groups = new ArrayList<>();
		for (Line line : Line.values()) {
			List<Target> group = this.options.targets.stream().filter((target) -> target.line() == line).toList();
			if (!group.isEmpty()) {
				groups.add(Target.order(group, round));
			}
		}
		if (round % 2 == 0) {
			Collections.reverse(groups);
		}
		return groups;
	}

	/**
	 * Measure one line's targets in one round, all of them running at once so that the
	 * Check load and the flips take turns between them.
	 */
	private void measure(int round, List<Target> group, CheckLoad load, ProbeCost probes, WatchFanout fanout) {
		List<ServerProcess> servers = new ArrayList<>();
		try {
			for (Target target : group) {
				ServerProcess server = null;
				try {
					server = start(round, target);
					if (!server.awaitQuiet(QUIET_LIMIT)) {
						progress(round, target, "still busy %d s after SERVING", QUIET_LIMIT.toSeconds());
					}
					servers.add(server);
				}
				catch (Exception ex) {
					fail(round, target, ex);
					quit(round, server);
				}
			}
			for (ServerProcess server : List.copyOf(servers)) {
				try {
					CheckLoad.WarmedUp warmUp = load.warmUp(server.port(), server::usage, IN_FLIGHT);
					this.results.put(server.target(), Metric.WARM_UP_S, 0, round, warmUp.seconds());
					progress(round, server.target(), "%s", warmUp.describe());
					// what it compiles after the warm-up must not fall into the other
					// servers' slices
					server.awaitQuiet(QUIET_LIMIT);
				}
				catch (Exception ex) {
					fail(round, server.target(), ex);
					servers.remove(server);
					quit(round, server);
				}
			}
			checkLoad(round, servers, load);
			List<ServerProcess> fullRun = new ArrayList<>();
			for (ServerProcess server : servers) {
				if (server.target().fullRun()) {
					try {
						probe(round, server, probes);
						fullRun.add(server);
					}
					catch (Exception ex) {
						fail(round, server.target(), ex);
					}
				}
			}
			fanOut(round, fullRun, fanout);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			servers.forEach((server) -> fail(round, server.target(), ex));
		}
		finally {
			for (ServerProcess server : servers) {
				quit(round, server);
			}
		}
	}

	/**
	 * Leave the target's figures of this round out: a server that failed part way has
	 * figures of a process that was not well.
	 */
	private void fail(int round, Target target, Exception ex) {
		this.results.failed(target, round, ex);
		progress(round, target, "FAILED: %s", ex);
	}

	private void quit(int round, ServerProcess server) {
		if (server == null) {
			return;
		}
		try {
			server.close();
		}
		catch (Exception ex) {
			progress(round, server.target(), "did not quit: %s", ex);
		}
	}

	private ServerProcess start(int round, Target target) throws Exception {
		ServerProcess server = ServerProcess.start(target, this.options.jar(target.line()), this.pinning,
				this.options.serverJvmOptions(target));
		if (this.serverCpusSeen == null) {
			this.serverCpusSeen = server.allowedCpus() + " (" + server.processors() + " processors seen by the JVM)";
		}
		this.results.put(target, Metric.STARTUP_MS, 0, round, server.startupMillis());
		this.results.put(target, Metric.UPTIME_AT_READY_MS, 0, round, server.uptimeAtReadyMillis());
		progress(round, target, "SERVING %.0f ms after launch (JVM uptime %.0f ms), CPUs %s", server.startupMillis(),
				server.uptimeAtReadyMillis(), server.allowedCpus());
		return server;
	}

	private void checkLoad(int round, List<ServerProcess> servers, CheckLoad load) throws Exception {
		for (int inFlight : IN_FLIGHT) {
			for (Map.Entry<ServerProcess, CheckLoad.Result> entry : load.run(List.copyOf(servers), inFlight)
				.entrySet()) {
				ServerProcess server = entry.getKey();
				CheckLoad.Result result = entry.getValue();
				Target target = server.target();
				if (result.callsPerSecond() == 0) {
					// a server that answered nothing has no latency to report, not a
					// latency of 0
					fail(round, target, new IllegalStateException(
							"no Check answered at " + inFlight + " in flight, " + result.errors() + " errors"));
					servers.remove(server);
					quit(round, server);
					continue;
				}
				this.results.put(target, Metric.CALLS_PER_SECOND, inFlight, round, result.callsPerSecond());
				this.results.put(target, Metric.P50_MS, inFlight, round, result.p50Millis());
				this.results.put(target, Metric.P99_MS, inFlight, round, result.p99Millis());
				this.results.put(target, Metric.CPU_PER_CALL_US, inFlight, round, result.cpuMicrosPerCall());
				if (!Double.isNaN(result.undisturbedP99Millis())) {
					this.results.put(target, Metric.P99_UNDISTURBED_MS, inFlight, round, result.undisturbedP99Millis());
				}
				this.results.put(target, Metric.UNDISTURBED_SLICES, inFlight, round, result.undisturbedSlices());
				this.results.put(target, Metric.ERRORS, inFlight, round, result.errors());
				this.results.putSlices(target, inFlight, round, result.slices());
				progress(round, target,
						"Check %3d in flight: %,8.0f calls/s  p50 %6.3f ms  p99 %6.3f ms  server CPU %.1f µs/call%s",
						inFlight, result.callsPerSecond(), result.p50Millis(), result.p99Millis(),
						result.cpuMicrosPerCall(), (result.errors() > 0) ? "  ERRORS " + result.errors() : "");
			}
		}
	}

	private void probe(int round, ServerProcess server, ProbeCost probes) throws Exception {
		Target target = server.target();
		ProbeCost.Result probe = probes.run(server);
		this.results.put(target, Metric.PROBE_P50_MS, 0, round, probe.p50Millis());
		this.results.put(target, Metric.PROBE_P99_MS, 0, round, probe.p99Millis());
		this.results.put(target, Metric.PROBE_CPU_US, 0, round, probe.serverCpuMicros());
		progress(round, target, "probe (new connection + Check): p50 %.2f ms  p99 %.2f ms  server CPU %.0f µs each",
				probe.p50Millis(), probe.p99Millis(), probe.serverCpuMicros());
	}

	private void fanOut(int round, List<ServerProcess> servers, WatchFanout fanout) throws InterruptedException {
		fanout.run(servers, this.options.watchers, (server, ex) -> fail(round, server.target(), ex))
			.forEach((server, steps) -> {
				Target target = server.target();
				for (WatchFanout.Result step : steps) {
					int watchers = step.watchers();
					this.results.put(target, Metric.FLIP_MS, watchers, round, Stats.median(step.allSeenMillis()));
					this.results.put(target, Metric.FLIP_WORST_MS, watchers, round, Stats.max(step.allSeenMillis()));
					this.results.put(target, Metric.SETTER_MS, watchers, round, Stats.median(step.setterMillis()));
					this.results.put(target, Metric.SETTER_MAX_MS, watchers, round, Stats.max(step.setterMillis()));
					this.results.put(target, Metric.FLIP_CPU_MS, watchers, round, step.meanCpuMillis());
					this.results.put(target, Metric.FLIP_LOAD_CPU_MS, watchers, round, step.meanLoadCpuMillis());
					this.results.put(target, Metric.HEAP_PER_WATCHER_BYTES, watchers, round, step.heapPerWatcher());
					progress(round, target,
							"Watch %,6d watchers: all saw the flip in %6.1f ms (median), setter %.3f ms, "
									+ "heap %.2f KB per watcher",
							watchers, Stats.median(step.allSeenMillis()), Stats.median(step.setterMillis()),
							step.heapPerWatcher() / 1024);
				}
			});
	}

	private void progress(int round, Target target, String format, Object... args) {
		System.out.printf(Locale.ROOT, "[%5.1f min] round %d/%d  %-30s %s%n", elapsedMinutes(), round,
				this.options.rounds, target.label(), String.format(Locale.ROOT, format, args));
	}

	private double elapsedMinutes() {
		return (System.nanoTime() - this.started) / 60e9;
	}

	private static double seconds(java.time.Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
