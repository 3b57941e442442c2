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
import java.util.Arrays;
import java.util.List;

import io.github.healthgrpc.benchmarks.Results.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PooledRuns}.
 *
 * @author health-grpc authors
 */
class PooledRunsTests {

	@TempDir
	Path folder;

	private final Pinning pinning = Pinning.decide("1", null, "0", true);

	@Test
	void theRoundsOfTheSecondRunFollowThoseOfTheFirst() throws Exception {
		Path first = run("first", 3, 1000, null);
		Path second = run("second", 4, 2000, null);
		PooledRuns pooled = read(first, second);
		assertThat(pooled.rounds()).isEqualTo(7);
		assertThat(pooled.results().rounds(Target.BARE, Metric.CALLS_PER_SECOND, 64)).containsExactly(entry(1, 1001),
				entry(2, 1002), entry(3, 1003), entry(4, 2001), entry(5, 2002), entry(6, 2003), entry(7, 2004));
		// ratios are taken again, round by round, from the raw figures
		assertThat(pooled.results().ratios(Target.STARTER, Target.BARE, Metric.CALLS_PER_SECOND, 64)).hasSize(7)
			.allSatisfy((round, ratio) -> assertThat(ratio).isCloseTo(0.99, org.assertj.core.data.Offset.offset(1e-9)));
		assertThat(pooled.results().slices().get(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64)))
			.containsOnlyKeys(1, 2, 3, 4, 5, 6, 7)
			.hasEntrySatisfying(5, (slices) -> assertThat(slices).extracting(CheckLoad.Slice::callsPerSecond)
				.containsExactly(2002.0, 2102.0));
		assertThat(pooled.sources()).containsExactly(first + ": rounds 1 to 3", second + ": rounds 4 to 7");
	}

	@Test
	void aPooledReportJudgesTheRoundsTogetherAndSaysWhereTheyComeFrom() throws Exception {
		Path first = run("first", 3, 1000, null);
		Path second = run("second", 4, 2000, null);
		PooledRuns pooled = read(first, second);
		Options options = Options.parse("--pool=" + first + "," + second);
		options.rounds = pooled.rounds();
		String md = new Report(pooled.results(), options, this.pinning, null, pooled.rounds()).pooledFrom(pooled)
			.write(this.folder.resolve("pooled"));
		assertThat(md).contains("7 of 7 rounds;");
		assertThat(md).contains("Pooled from 2 runs");
		assertThat(md).contains("The same servers in every run.");
		assertThat(md).contains(first + ": rounds 1 to 3; " + second + ": rounds 4 to 7");
		// 3 and 4 rounds decide nothing alone; 7 together do
		assertThat(md).contains("| Check calls/s (c) ÷ (a), 64 in flight | 0.99 [0.99–0.99] | >= 0.95 | met |");
		// what the pooled report wrote pools again, to the same rounds
		PooledRuns again = read(this.folder.resolve("pooled"));
		assertThat(again.rounds()).isEqualTo(7);
		assertThat(again.results().rounds(Target.STARTER, Metric.CALLS_PER_SECOND, 64))
			.isEqualTo(pooled.results().rounds(Target.STARTER, Metric.CALLS_PER_SECOND, 64));
		assertThat(Files.readString(this.folder.resolve("pooled").resolve("slices.csv")))
			.contains("bare,7,64,1,2004.0,", "bare,7,64,2,2104.0,");
	}

	@Test
	void aRunGivesOnlyTheSectionsNamedAndItsRoundsStillCount() throws Exception {
		Path first = run("first", 3, 1000, null);
		Path second = run("second", 4, 2000, null);
		PooledRuns pooled = PooledRuns
			.read(List.of(PooledRuns.Source.parse(first + ":check"), PooledRuns.Source.all(second)));
		assertThat(pooled.rounds()).isEqualTo(7);
		assertThat(pooled.results().rounds(Target.BARE, Metric.CALLS_PER_SECOND, 64)).containsOnlyKeys(1, 2, 3, 4, 5, 6,
				7);
		assertThat(pooled.results().slices().get(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64)))
			.containsOnlyKeys(1, 2, 3, 4, 5, 6, 7);
		// the startup figures of the first run are left out, not renumbered
		assertThat(pooled.results().rounds(Target.BOOT4, Metric.STARTUP_MS, 0)).containsOnlyKeys(4, 5, 6, 7);
		assertThat(pooled.sources()).containsExactly(first + " (check only): rounds 1 to 3",
				second + ": rounds 4 to 7");
		Options options = Options.parse("--pool=" + first + ":check," + second);
		options.rounds = pooled.rounds();
		String md = new Report(pooled.results(), options, this.pinning, null, pooled.rounds()).pooledFrom(pooled)
			.write(this.folder.resolve("pooled"));
		assertThat(md).contains(first + " (check only): rounds 1 to 3; " + second + ": rounds 4 to 7. A run named with "
				+ "sections gives its rounds only their figures");
		PooledRuns startupOnly = PooledRuns
			.read(List.of(PooledRuns.Source.parse(first + ":startup"), PooledRuns.Source.all(second)));
		assertThat(startupOnly.results().rounds(Target.BARE, Metric.CALLS_PER_SECOND, 64)).containsOnlyKeys(4, 5, 6, 7);
		// the slices are the Check load's
		assertThat(startupOnly.results().slices().get(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64)))
			.containsOnlyKeys(4, 5, 6, 7);
		assertThat(startupOnly.results().rounds(Target.BOOT4, Metric.STARTUP_MS, 0)).containsOnlyKeys(1, 2, 3, 4, 5, 6,
				7);
	}

	@Test
	void aSectionThatNoRunHasIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> PooledRuns.Source.parse("runs/a:check+chek"))
			.withMessage("--pool: no section 'chek' in a run; its sections: check, probe, startup, watch");
		assertThatIllegalArgumentException().isThrownBy(() -> PooledRuns.Source.parse("runs/a:check+check"))
			.withMessage("--pool: a section named twice in runs/a:check+check");
		// what follows the last ':' is sections only if it reads as sections
		assertThat(PooledRuns.Source.parse("runs/2026-12-07T09:22"))
			.isEqualTo(PooledRuns.Source.all(Path.of("runs/2026-12-07T09:22")));
		assertThat(PooledRuns.Source.parse("runs/a:")).isEqualTo(PooledRuns.Source.all(Path.of("runs/a:")));
	}

	@Test
	void aRoundWithOnlyFiguresOfSectionsNotTakenStillCounts() throws Exception {
		Path first = run("first", 3, 1000, null);
		// round 3 of the first run measured no Check load, only startups
		Path results = first.resolve("results.csv");
		Files.write(results,
				Files.readAllLines(results)
					.stream()
					.filter((line) -> !line.matches("(check|ratio),[^,]+,3,.*"))
					.toList());
		Path slices = first.resolve("slices.csv");
		Files.write(slices, Files.readAllLines(slices).stream().filter((line) -> !line.matches("[^,]+,3,.*")).toList());
		Path second = run("second", 1, 2000, null);
		PooledRuns pooled = PooledRuns
			.read(List.of(PooledRuns.Source.parse(first + ":check"), PooledRuns.Source.all(second)));
		assertThat(pooled.results().rounds(Target.BARE, Metric.CALLS_PER_SECOND, 64)).containsOnlyKeys(1, 2, 4);
		assertThat(pooled.rounds()).isEqualTo(4);
	}

	@Test
	void aRunsFailuresKeepTheirRoundsNewNumbers() throws Exception {
		Path first = run("first", 3, 1000, null);
		Path second = run("second", 4, 2000, 2);
		PooledRuns pooled = read(first, second);
		assertThat(pooled.results().failures())
			.containsExactly("round 5, (d) Spring Boot 4.1 built-in: java.lang.IllegalStateException: no SERVING");
	}

	@Test
	void aSliceWithoutItsCompileTimeStaysWithout() throws Exception {
		Path run = run("old", 1, 1000, null);
		Path slices = run.resolve("slices.csv");
		Files.writeString(slices, Files.readString(slices).replace(",7,0.0100,", ",,0.0100,"));
		CheckLoad.Slice slice = read(run).results()
			.slices()
			.get(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64))
			.get(1)
			.get(0);
		assertThat(slice.compileMillis()).isEqualTo(-1);
	}

	@Test
	void aSliceKeepsWhatRanDuringIt() throws Exception {
		Path run = run("new", 1, 1000, null);
		CheckLoad.Slice slice = read(run).results()
			.slices()
			.get(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64))
			.get(1)
			.get(0);
		assertThat(slice.disturbance()).isEqualTo(new Disturbance(1.5, 0.25, 3, 0, 0.125, 0));
	}

	@Test
	void aSliceFromBeforeTheThreadsWereReadTellsNothingOfThem() throws Exception {
		Path run = run("old", 1, 1000, null);
		Path slices = run.resolve("slices.csv");
		// the columns a run before 2026-12-07 did not have
		List<String> old = Files.readAllLines(slices)
			.stream()
			.map((line) -> String.join(",", Arrays.asList(line.split(",", -1)).subList(0, 10)))
			.toList();
		Files.write(slices, old);
		CheckLoad.Slice slice = read(run).results()
			.slices()
			.get(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64))
			.get(1)
			.get(0);
		assertThat(slice.compileMillis()).isEqualTo(7);
		assertThat(slice.disturbance()).isEqualTo(Disturbance.UNKNOWN);
	}

	@Test
	void aFolderThatIsNoRunIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> read(this.folder))
			.withMessageContaining("no results.csv in " + this.folder);
	}

	@Test
	void aRowThatCannotBeReadIsNamedWithItsFile() throws Exception {
		Path run = run("broken", 1, 1000, null);
		Path results = run.resolve("results.csv");
		Files.writeString(results, Files.readString(results).replaceFirst(",calls_per_second,", ",calls_per_hour,"));
		assertThatIllegalArgumentException().isThrownBy(() -> read(run))
			.withMessageContaining(results + ": cannot read");
	}

	// a run of the given rounds: (a) serves base + round calls/s, (c) 0.99 of it, each
	// with
	// two slices; a failure of (d) in the given round
	private Path run(String name, int rounds, int base, Integer failedRound) throws Exception {
		Results results = new Results();
		for (int round = 1; round <= rounds; round++) {
			double bare = base + round;
			results.put(Target.BARE, Metric.CALLS_PER_SECOND, 64, round, bare);
			results.put(Target.STARTER, Metric.CALLS_PER_SECOND, 64, round, 0.99 * bare);
			results.put(Target.BOOT4, Metric.STARTUP_MS, 0, round, 3000);
			results.putSlices(Target.BARE, 64, round,
					List.of(new CheckLoad.Slice(1, bare, 0.5, 60, 7, 0.01, 0,
							new Disturbance(1.5, 0.25, 3, 0, 0.125, 0)),
							new CheckLoad.Slice(2, bare + 100, 0.5, 60, 0, 0, 0)));
		}
		if (failedRound != null) {
			results.failed(Target.BOOT4, failedRound, new IllegalStateException("no SERVING"));
		}
		Path out = this.folder.resolve(name);
		new Report(results, Options.parse(), this.pinning, null, rounds).write(out);
		return out;
	}

	private static PooledRuns read(Path... runs) throws IOException {
		return PooledRuns.read(Arrays.stream(runs).map(PooledRuns.Source::all).toList());
	}

	private static java.util.Map.Entry<Integer, Double> entry(int round, double value) {
		return java.util.Map.entry(round, value);
	}

}
