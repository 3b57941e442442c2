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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.benchmarks.Results.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Report}: the targets judged on both lines, every figure with its
 * interval, the raw figures and the plots.
 *
 * @author health-grpc authors
 */
class ReportTests {

	private static final int ROUNDS = 7;

	@TempDir
	Path out;

	private final Results results = new Results();

	private final Options options = Options.parse();

	@Test
	void judgesEveryTargetOfBothLines() throws Exception {
		measureEverything();
		String md = write();
		// (c) at 64 in flight: 0.97..1.03 of bare, the interval (second-lowest to
		// second-highest) at or above 0.95
		assertThat(md).contains(
				"| Spring Boot 3.5 + net.devh | Check calls/s (c) ÷ (a), 64 in flight | 1.00 [0.98–1.02] | >= 0.95 | met |");
		// (e) at 1 in flight: 0.81..0.89 of bare
		assertThat(md).contains(
				"| Spring Boot 4.1 | Check calls/s (e) ÷ (a4), 1 in flight | 0.85 [0.82–0.88] | >= 0.95 | **missed** |");
		// (e) at 256 in flight: 0.91..1.05: the rounds cannot decide
		assertThat(md).contains(
				"| Spring Boot 4.1 | Check calls/s (e) ÷ (a4), 256 in flight | 0.98 [0.93–1.03] | >= 0.95 | within noise |");
		assertThat(md).contains(
				"| Spring Boot 3.5 + net.devh | heap per open Watch stream (c), 10,000 streams, KB | 1.46 [1.46–1.46] | <= 1.5 KB | met |");
		assertThat(md).contains(
				"| Spring Boot 4.1 | setter time at 10,000 watchers (e), ms | 0.075 [0.075–0.075] | < 1 ms | met |");
		assertThat(md).contains("| Spring Boot 4.1 | startup until Check(\"\") answers SERVING, (e) ÷ (d) |");
		assertThat(md)
			.contains("| Spring Boot 3.5 + net.devh | 5 s contributor: Check p99 with ÷ without, 1 in flight |");
		// the targets' rows, not the noise table's (whose second column is a number)
		assertThat(md.lines()
			.filter((line) -> line.startsWith("| Spring Boot ")
					&& !line.matches("\\| Spring Boot [^|]+\\| \\d+ \\|.*")))
			.hasSize(26);
	}

	@Test
	void showsEveryTargetWithRatiosToItsOwnLine() throws Exception {
		measureEverything();
		String md = write();
		assertThat(md).contains("| (e) health-grpc, Boot 4.1 | 64 | ");
		assertThat(md).contains("| (d) Spring Boot 4.1 built-in | 10,000 | ");
		assertThat(md).contains("| (a4) bare grpc-java, Netty 4.2 | ");
		// the watchers' own reading of a flip, beside the setter's time
		assertThat(md).contains("| load generator CPU per flip, ms | setter, ms |");
		assertThat(md).containsPattern(
				"\\| \\(c\\) health-grpc, net\\.devh \\| 10,000 \\|.*\\| 95\\.0 \\[95\\.0–95\\.0\\] \\| 0\\.075 ");
		assertThat(md).contains("| 64 | 1.00 [1.00–1.00] | 1.00 [1.00–1.00] | ");
		assertThat(md).contains("servers pinned to CPU 1 (`taskset -c 1`), load generator on CPU 0");
		assertThat(md).contains("7 of 7 rounds");
		assertThat(md).doesNotContain("## Failures");
		for (String plot : List.of("check-throughput.png", "check-p99.png", "watch-flip.png", "watch-setter.png")) {
			assertThat(md).contains("(" + plot + ")");
			assertThat(this.out.resolve(plot)).isNotEmptyFile();
		}
	}

	@Test
	void writesEveryRawFigureAndEveryRatioRoundByRound() throws Exception {
		measureEverything();
		write();
		List<String> csv = Files.readAllLines(this.out.resolve("results.csv"));
		assertThat(csv.get(0)).isEqualTo("section,target,round,parameter,metric,value");
		assertThat(csv).anyMatch((line) -> line.startsWith("check,bare4,3,64,calls_per_second,"));
		assertThat(csv).anyMatch((line) -> line.startsWith("ratio,starter4/bare4,3,1,calls_per_second,0.8"));
		assertThat(csv).anyMatch((line) -> line.startsWith("ratio,starter/netdevh,1,0,wall_ms,"));
	}

	@Test
	void describesTheWarmUpAndKeepsEachServersInTheCsv() throws Exception {
		measureEverything();
		put(Target.BARE4, Metric.WARM_UP_S, 0, 2, 45.25);
		String md = write();
		assertThat(md).contains("a warm-up per server in cycles of 2 s at each concurrency on a new connection, "
				+ "until a cycle in which its JIT compilations took at most 1% of its time, at least 20 s and at "
				+ "most about 90 s");
		assertThat(Files.readAllLines(this.out.resolve("results.csv"))).contains("check,bare4,2,0,warm_up_s,45.25");
	}

	@Test
	void writesEveryMeasuredSliceWithTheTimeStolenDuringIt() throws Exception {
		measureEverything();
		this.results.putSlices(Target.STARTER4, 256, 3,
				List.of(new CheckLoad.Slice(0, 12345.67, 1.25, 61.5, 12, 0.02, 0,
						new Disturbance(3.25, 0.5, 1.125, 0, 0.0625, 2)),
						new CheckLoad.Slice(1, 13000, 1.5, 60, -1, 0, 0.125)));
		write();
		assertThat(Files.readAllLines(this.out.resolve("slices.csv"))).containsExactly(
				"target,round,in_flight,turn,calls_per_second,p99_ms,server_cpu_us_per_call,server_jit_ms,"
						+ "stolen_server_cpus,stolen_load_cpus,server_compiler_cpu_ms,server_gc_cpu_ms,"
						+ "neighbours_cpu_ms,neighbours_compiler_cpu_ms,load_compiler_cpu_ms,load_gc_cpu_ms",
				"starter4,3,256,0,12345.7,1.2500,61.50,12,0.0200,0.0000,3.250,0.500,1.125,0.000,0.063,2.000",
				"starter4,3,256,1,13000.0,1.5000,60.00,,0.0000,0.1250,,,,,,");
	}

	@Test
	void tellsWhatRanDuringTheSlowSlicesAndTheRatioOfTheUndisturbedOnes() throws Exception {
		measureEverything();
		Disturbance quiet = new Disturbance(0, 1, 0.5, 0, 0, 0);
		Disturbance compiling = new Disturbance(40, 0, 0.5, 0, 0, 0);
		for (int round = 1; round <= ROUNDS; round++) {
			// each server: three quiet slices, one slow while its compiler ran
			for (Target target : List.of(Target.BARE, Target.STARTER)) {
				this.results.putSlices(target, 64, round,
						List.of(new CheckLoad.Slice(0, 1000, 1, 50, 0, 0, 0, quiet),
								new CheckLoad.Slice(1, 1000, 1.1, 50, 0, 0, 0, quiet),
								new CheckLoad.Slice(2, 1000, 0.9, 50, 0, 0, 0, quiet),
								new CheckLoad.Slice(3, 1000, 4, 50, 25, 0, 0, compiling)));
				put(target, Metric.UNDISTURBED_SLICES, 64, round, 3);
			}
			put(Target.BARE, Metric.P99_UNDISTURBED_MS, 64, round, 1);
			// the last two rounds' undisturbed slices were not told apart
			if (round <= 5) {
				put(Target.STARTER, Metric.P99_UNDISTURBED_MS, 64, round, 1 + 0.01 * round);
			}
		}
		String md = write();
		assertThat(md).contains("| Spring Boot 3.5 + net.devh | 64 | 1.00 [1.00–1.00] | 1.03 [1.01–1.05] (5 rounds) "
				+ "| 3 / 3 | 14 of 56 | 100% of 14 / 0% of 42 | 0% of 14 / 0% of 42 | 0% of 14 / 0% of 42 "
				+ "| 0% of 14 / 100% of 42 | – |");
		// each server's own: its compiler took 40 ms of one slice in four, its collector
		// 1 ms of the other three
		assertThat(md).contains("| (c) health-grpc, net.devh | 64 | 28 | 25% of 28 | 10.00 | 75% of 28 | 0.75 |");
		// no slices there: the shares cannot tell
		assertThat(md).contains("| Spring Boot 4.1 | 64 | 1.00 [1.00–1.00] | – | – / – | 0 of 0 | – / – | – / – "
				+ "| – / – | – / – | – |");
	}

	@Test
	void tellsWhetherThePerRoundP99RatioFollowsTheCompilerTime() throws Exception {
		measureEverything();
		for (int round = 1; round <= ROUNDS; round++) {
			// (c)'s compiler ran longer than (a)'s in the later rounds, and its p99 ratio
			// was higher in them, though not in proportion
			int later = round;
			this.results.putSlices(Target.BARE, 64, round,
					List.of(new CheckLoad.Slice(0, 1000, 1, 50, 0, 0, 0, new Disturbance(2, 0, 0, 0, 0, 0))));
			this.results.putSlices(Target.STARTER, 64, round, List
				.of(new CheckLoad.Slice(0, 1000, 1, 50, 0, 0, 0, new Disturbance(2 + later * later, 0, 0, 0, 0, 0))));
			put(Target.BARE, Metric.P99_MS, 64, round, 1);
			put(Target.STARTER, Metric.P99_MS, 64, round, 1 + 0.01 * round);
			// (e)'s ratio falls as its compiler time rises
			this.results.putSlices(Target.BARE4, 64, round, List.of(new CheckLoad.Slice(0, 1000, 1, 50, later, 0, 0)));
			this.results.putSlices(Target.STARTER4, 64, round, List.of(new CheckLoad.Slice(0, 1000, 1, 50, 0, 0, 0)));
			put(Target.BARE4, Metric.P99_MS, 64, round, 1);
			put(Target.STARTER4, Metric.P99_MS, 64, round, 1 + 0.01 * round);
		}
		String md = write();
		assertThat(md)
			.containsPattern("\\| Spring Boot 3\\.5 \\+ net\\.devh \\| 64 \\|[^\\n]*\\| 1\\.00 \\(7 rounds\\) \\|");
		// runs before 2026-12-07: the compilations that finished in the slices
		assertThat(md).containsPattern("\\| Spring Boot 4\\.1 \\| 64 \\|[^\\n]*\\| -1\\.00 \\(7 rounds\\) \\|");
	}

	@Test
	void tellsWhetherTheRoundsDifferByMoreThanTheirSlices() throws Exception {
		measureEverything();
		for (int round = 1; round <= ROUNDS; round++) {
			// (c)'s slices 1.1 times and 1 / 1.1 times the bare server's, turn by turn
			double ratio = 1 + 0.01 * (round - 4);
			List<CheckLoad.Slice> bare = new ArrayList<>();
			List<CheckLoad.Slice> starter = new ArrayList<>();
			for (int turn = 0; turn < 4; turn++) {
				bare.add(new CheckLoad.Slice(turn, 1000, 1, 50, 0, 0, 0));
				starter
					.add(new CheckLoad.Slice(turn, 1000 * ratio * ((turn % 2 == 0) ? 1.1 : 1 / 1.1), 1, 50, 0, 0, 0));
			}
			// a turn only one of them has is no pair
			starter.add(new CheckLoad.Slice(4, 5000, 1, 50, 0, 0, 0));
			this.results.putSlices(Target.BARE, 64, round, bare);
			this.results.putSlices(Target.STARTER, 64, round, starter);
		}
		String md = write();
		// per-round ratios 0.97 to 1.03: sd of their logs 0.0216; each round's four slice
		// ratios ±ln 1.1 around its own: sd 0.110, standard error 0.055
		assertThat(md).contains("| Spring Boot 3.5 + net.devh | 64 | 0.97–1.03 | 0.022 | 0.055 | 0.39 |");
		// no slices: no spread within a round to compare with
		assertThat(md).contains("| Spring Boot 4.1 | 64 | 1.10–1.10 | 0.000 | – | – |");
	}

	@Test
	void aPartialRunSaysSoAndListsItsFailures() throws Exception {
		measureEverything();
		this.results.failed(Target.BOOT4, 2, new IllegalStateException("did not become SERVING"));
		String md = new Report(this.results, this.options, Pinning.decide(null, "one CPU", "0", true), null, 3)
			.write(this.out);
		assertThat(md).contains("3 of 7 rounds (an unfinished run)");
		assertThat(md).contains("not pinned: one CPU");
		assertThat(md).contains("## Failures");
		assertThat(md).contains("- round 2, (d) Spring Boot 4.1 built-in: java.lang.IllegalStateException: did not "
				+ "become SERVING");
	}

	@Test
	void aQuickTrialDecidesNothing() throws Exception {
		Options quick = Options.parse("--quick");
		for (int round = 1; round <= quick.rounds; round++) {
			put(Target.BARE, Metric.CALLS_PER_SECOND, 64, round, 1000);
			put(Target.STARTER, Metric.CALLS_PER_SECOND, 64, round, 990 + round);
		}
		String md = new Report(this.results, quick, Pinning.decide("1", null, "0", true), "1", quick.rounds)
			.write(this.out);
		assertThat(md).contains("A `--quick` trial");
		// three rounds, all clearly above 0.95: still not a verdict
		assertThat(md).contains(
				"| Check calls/s (c) ÷ (a), 64 in flight | 0.99 [0.99–0.99] | >= 0.95 | not decided (< 7 rounds) |");
		assertThat(md).contains("| Check calls/s (e) ÷ (a4), 64 in flight | – | >= 0.95 | not measured |");
	}

	private String write() throws Exception {
		return new Report(this.results, this.options, Pinning.decide("1", null, "0", true), "1 (1 processors)", ROUNDS)
			.write(this.out);
	}

	/** Every target, every metric, seven rounds; each round's drift the same for all. */
	private void measureEverything() {
		for (int round = 1; round <= ROUNDS; round++) {
			double drift = 1 + 0.1 * Math.sin(round);
			// index 0..6: a spread of -3 to +3 steps around the middle
			int step = round - 4;
			for (Target target : Target.values()) {
				for (int inFlight : Benchmarks.IN_FLIGHT) {
					double calls = 10_000 * drift * callsRatio(target, inFlight, step);
					put(target, Metric.CALLS_PER_SECOND, inFlight, round, calls);
					put(target, Metric.P50_MS, inFlight, round, 0.2 * drift);
					put(target, Metric.P99_MS, inFlight, round, 0.6 * drift);
					put(target, Metric.ERRORS, inFlight, round, 0);
				}
				put(target, Metric.STARTUP_MS, 0, round,
						3000 * drift * (target.role() == Target.Role.STARTER ? 1.05 : 1));
				put(target, Metric.UPTIME_AT_READY_MS, 0, round, 2500);
				if (!target.fullRun()) {
					continue;
				}
				put(target, Metric.PROBE_P50_MS, 0, round, 3);
				put(target, Metric.PROBE_P99_MS, 0, round, 10);
				put(target, Metric.PROBE_CPU_US, 0, round, 4000);
				for (int watchers : List.of(1_000, 10_000)) {
					put(target, Metric.FLIP_MS, watchers, round, 100 * drift);
					put(target, Metric.FLIP_WORST_MS, watchers, round, 150 * drift);
					put(target, Metric.SETTER_MS, watchers, round,
							(target.role() == Target.Role.STARTER) ? 0.075 : 30 * drift);
					put(target, Metric.SETTER_MAX_MS, watchers, round, 50);
					put(target, Metric.FLIP_LOAD_CPU_MS, watchers, round, 95);
					put(target, Metric.HEAP_PER_WATCHER_BYTES, watchers, round, 1.46 * 1024);
				}
			}
		}
	}

	private static double callsRatio(Target target, int inFlight, int step) {
		if (target == Target.STARTER) {
			return 1 + 0.01 * step;
		}
		if (target == Target.STARTER4) {
			return switch (inFlight) {
				case 1 -> 0.85 + 0.0133 * step;
				case 64 -> 1.10;
				default -> 0.98 + 0.0233 * step;
			};
		}
		return 1;
	}

	private void put(Target target, Metric metric, int parameter, int round, double value) {
		this.results.put(target, metric, parameter, round, value);
	}

}
