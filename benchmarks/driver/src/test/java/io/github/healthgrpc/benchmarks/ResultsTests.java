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
import java.util.Map;
import java.util.TreeMap;

import io.github.healthgrpc.benchmarks.Results.Metric;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link Results}.
 *
 * @author health-grpc authors
 */
class ResultsTests {

	private final Results results = new Results();

	@Test
	void ratiosPairTheSameRound() {
		// round 2 drifted for both: the per-round ratio does not see it
		put(Target.STARTER, 1, 900);
		put(Target.BARE, 1, 1000);
		put(Target.STARTER, 2, 450);
		put(Target.BARE, 2, 500);
		put(Target.STARTER, 3, 950);
		assertThat(this.results.ratios(Target.STARTER, Target.BARE, Metric.CALLS_PER_SECOND, 64))
			.containsExactly(entry(1, 0.9), entry(2, 0.9));
		assertThat(this.results.ratio(Target.STARTER, Target.BARE, Metric.CALLS_PER_SECOND, 64).median())
			.isEqualTo(0.9);
	}

	@Test
	void keepsEachParameterApart() {
		put(Target.BARE, 1, 1000);
		this.results.put(Target.BARE, Metric.CALLS_PER_SECOND, 1, 1, 10);
		assertThat(this.results.rounds(Target.BARE, Metric.CALLS_PER_SECOND, 64)).containsExactly(entry(1, 1000.0));
		assertThat(this.results.rounds(Target.BARE, Metric.CALLS_PER_SECOND, 1)).containsExactly(entry(1, 10.0));
		assertThat(this.results.rounds(Target.BARE, Metric.P99_MS, 64)).isEmpty();
	}

	@Test
	void recordsFailuresAndWhatWasMeasured() {
		put(Target.BARE, 1, 1000);
		this.results.failed(Target.BOOT4, 1, new IllegalStateException("boom"));
		assertThat(this.results.has(Target.BARE)).isTrue();
		assertThat(this.results.has(Target.BOOT4)).isFalse();
		assertThat(this.results.failures())
			.containsExactly("round 1, (d) Spring Boot 4.1 built-in: java.lang.IllegalStateException: boom");
	}

	@Test
	void keepsEachRoundsSlicesAndLeavesOutThoseOfAFailedRound() {
		List<CheckLoad.Slice> slices = List.of(new CheckLoad.Slice(0, 1000, 1, 50, 3, 0, 0.02),
				new CheckLoad.Slice(1, 1100, 0.9, 48, 0, 0.04, 0));
		this.results.putSlices(Target.STARTER, 64, 1, slices);
		this.results.putSlices(Target.STARTER, 64, 2, slices);
		this.results.putSlices(Target.BARE, 64, 2, slices);
		this.results.failed(Target.STARTER, 2, new IllegalStateException("flip not seen"));
		this.results.putSlices(Target.STARTER, 256, 2, slices);
		assertThat(this.results.slices())
			.containsOnlyKeys(new Results.Key(Target.STARTER, Metric.CALLS_PER_SECOND, 64),
					new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64))
			.containsEntry(new Results.Key(Target.STARTER, Metric.CALLS_PER_SECOND, 64),
					new TreeMap<>(Map.of(1, slices)))
			.containsEntry(new Results.Key(Target.BARE, Metric.CALLS_PER_SECOND, 64), new TreeMap<>(Map.of(2, slices)));
	}

	@Test
	void aTargetThatFailedInARoundKeepsNoFigureOfThatRound() {
		put(Target.STARTER, 1, 900);
		put(Target.BARE, 1, 1000);
		put(Target.STARTER, 2, 450);
		put(Target.BARE, 2, 500);
		this.results.put(Target.STARTER, Metric.STARTUP_MS, 0, 2, 3000);
		this.results.failed(Target.STARTER, 2, new IllegalStateException("flip not seen"));
		// measured later in the same round: left out too
		this.results.put(Target.STARTER, Metric.FLIP_MS, 10_000, 2, 100);
		this.results.put(Target.STARTER, Metric.FLIP_MS, 10_000, 3, 90);
		assertThat(this.results.rounds(Target.STARTER, Metric.CALLS_PER_SECOND, 64)).containsExactly(entry(1, 900.0));
		assertThat(this.results.rounds(Target.STARTER, Metric.STARTUP_MS, 0)).isEmpty();
		assertThat(this.results.rounds(Target.STARTER, Metric.FLIP_MS, 10_000)).containsExactly(entry(3, 90.0));
		assertThat(this.results.ratios(Target.STARTER, Target.BARE, Metric.CALLS_PER_SECOND, 64))
			.containsExactly(entry(1, 0.9));
		assertThat(this.results.rounds(Target.BARE, Metric.CALLS_PER_SECOND, 64)).hasSize(2);
	}

	private void put(Target target, int round, double callsPerSecond) {
		this.results.put(target, Metric.CALLS_PER_SECOND, 64, round, callsPerSecond);
	}

}
