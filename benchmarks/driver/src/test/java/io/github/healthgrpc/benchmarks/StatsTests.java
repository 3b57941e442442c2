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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Stats}: medians and the bootstrap interval.
 *
 * @author health-grpc authors
 */
class StatsTests {

	@Test
	void medianOfOddAndEvenCounts() {
		assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
		assertThat(Stats.median(List.of())).isNaN();
	}

	@Test
	void spreadOfRatiosIsTheSameForARatioAndItsInverse() {
		double spread = Stats.sdOfLogs(List.of(0.5, 1.0, 2.0));
		assertThat(spread).isCloseTo(Math.log(2), within(1e-12));
		assertThat(Stats.sdOfLogs(List.of(2.0, 1.0, 0.5))).isEqualTo(spread);
		assertThat(Stats.sdOfLogs(List.of(1.1, 1.1))).isZero();
		assertThat(Stats.sdOfLogs(List.of(1.1))).isNaN();
	}

	@Test
	void sevenRoundsGiveTheSecondLowestToTheSecondHighest() {
		Interval interval = Stats.interval(List.of(0.90, 1.20, 0.97, 1.00, 0.80, 1.05, 0.99));
		assertThat(interval.rounds()).isEqualTo(7);
		assertThat(interval.median()).isEqualTo(0.99);
		assertThat(interval.low()).isEqualTo(0.90);
		assertThat(interval.high()).isEqualTo(1.05);
	}

	@Test
	void threeRoundsGiveTheLowestToTheHighest() {
		Interval interval = Stats.interval(List.of(1.1, 0.9, 1.0));
		assertThat(interval.low()).isEqualTo(0.9);
		assertThat(interval.median()).isEqualTo(1.0);
		assertThat(interval.high()).isEqualTo(1.1);
	}

	@Test
	void moreRoundsNarrowTheInterval() {
		Interval seven = Stats.interval(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0));
		Interval fifteen = Stats
			.interval(List.of(1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0));
		assertThat((seven.high() - seven.low()) / 6).isGreaterThan((fifteen.high() - fifteen.low()) / 7);
	}

	@Test
	void theSameRoundsAlwaysGiveTheSameInterval() {
		List<Double> rounds = List.of(0.93, 1.02, 0.97, 1.04, 0.99, 0.95, 1.01, 0.98);
		assertThat(Stats.interval(rounds)).isEqualTo(Stats.interval(rounds));
	}

	@Test
	void noRoundsNoInterval() {
		assertThat(Stats.interval(List.of()).isEmpty()).isTrue();
		assertThat(Stats.interval(List.of(Double.NaN)).isEmpty()).isTrue();
	}

	@Test
	void oneRoundIsItsOwnInterval() {
		Interval interval = Stats.interval(List.of(2.0));
		assertThat(interval.low()).isEqualTo(2.0);
		assertThat(interval.high()).isEqualTo(2.0);
		assertThat(interval.format()).isEqualTo("2.00");
	}

	@Test
	void formatsAsAReaderWants() {
		assertThat(new Interval(15142, 16714, 17249, 7).format()).isEqualTo("16,714 [15,142–17,249]");
		assertThat(new Interval(0.98, 1.07, 1.12, 7).formatRatio()).isEqualTo("1.07 [0.98–1.12]");
		assertThat(new Interval(0.061, 0.075, 0.103, 7).format()).isEqualTo("0.075 [0.061–0.103]");
		assertThat(Interval.EMPTY.format()).isEqualTo("–");
	}

	@Test
	void rankCorrelationFollowsTheOrderNotTheValues() {
		// rises with the first, though not in proportion
		assertThat(Stats.rankCorrelation(List.of(1.0, 2.0, 3.0, 4.0), List.of(1.0, 10.0, 11.0, 500.0))).isEqualTo(1.0);
		assertThat(Stats.rankCorrelation(List.of(1.0, 2.0, 3.0, 4.0), List.of(4.0, 3.0, 2.0, 1.0))).isEqualTo(-1.0);
		// ranks 0 1 2 3 against 1 0 3 2: 1 - 6 * 4 / (4 * 15) = 0.6
		assertThat(Stats.rankCorrelation(List.of(1.0, 2.0, 3.0, 4.0), List.of(2.0, 1.0, 4.0, 3.0))).isCloseTo(0.6,
				within(1e-9));
	}

	@Test
	void tiedValuesShareTheirMeanRank() {
		// second ranks 0.5 0.5 2 against 0 1 2: co-deviations 1.5, squared deviations 2
		// and 1.5
		assertThat(Stats.rankCorrelation(List.of(1.0, 2.0, 3.0), List.of(5.0, 5.0, 9.0)))
			.isCloseTo(1.5 / Math.sqrt(2 * 1.5), within(1e-9));
	}

	@Test
	void rankCorrelationNeedsThreePairsAndTwoValuesEachSide() {
		assertThat(Stats.rankCorrelation(List.of(1.0, 2.0), List.of(1.0, 2.0))).isNaN();
		assertThat(Stats.rankCorrelation(List.of(1.0, 2.0, 3.0), List.of(7.0, 7.0, 7.0))).isNaN();
	}

}
