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

import io.github.healthgrpc.benchmarks.Goal.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Goal}: met only when the whole interval meets the target.
 *
 * @author health-grpc authors
 */
class GoalTests {

	@Test
	void atLeastIsMetOnlyWhenTheLowerEndIsAtOrAbove() {
		Goal goal = Goal.atLeast(0.95, "0.95");
		assertThat(goal.judge(interval(0.95, 1.00, 1.10))).isEqualTo(Verdict.MET);
		assertThat(goal.judge(interval(0.94, 1.00, 1.10))).isEqualTo(Verdict.WITHIN_NOISE);
		assertThat(goal.judge(interval(0.80, 0.90, 0.949))).isEqualTo(Verdict.MISSED);
		assertThat(goal.judge(interval(0.80, 0.90, 0.95))).isEqualTo(Verdict.WITHIN_NOISE);
	}

	@Test
	void atMostIsMetOnlyWhenTheUpperEndIsAtOrBelow() {
		Goal goal = Goal.atMost(1.10, "1.10");
		assertThat(goal.judge(interval(0.90, 1.00, 1.10))).isEqualTo(Verdict.MET);
		assertThat(goal.judge(interval(0.90, 1.00, 1.11))).isEqualTo(Verdict.WITHIN_NOISE);
		assertThat(goal.judge(interval(1.11, 1.20, 1.30))).isEqualTo(Verdict.MISSED);
		assertThat(goal.judge(interval(1.10, 1.20, 1.30))).isEqualTo(Verdict.WITHIN_NOISE);
	}

	@Test
	void belowExcludesTheThreshold() {
		Goal goal = Goal.below(1, "1 ms");
		assertThat(goal.judge(interval(0.05, 0.07, 0.99))).isEqualTo(Verdict.MET);
		assertThat(goal.judge(interval(0.05, 0.07, 1.0))).isEqualTo(Verdict.WITHIN_NOISE);
		assertThat(goal.judge(interval(1.0, 2.0, 3.0))).isEqualTo(Verdict.MISSED);
	}

	@Test
	void fewRoundsDecideNothing() {
		Goal goal = Goal.atLeast(0.95, "0.95");
		// issue 17: at least 7 rounds; a --quick trial's 3 decide nothing, however clear
		assertThat(goal.judge(new Interval(1.2, 1.3, 1.4, 3))).isEqualTo(Verdict.NOT_DECIDED);
		assertThat(goal.judge(new Interval(1.2, 1.3, 1.4, 6))).isEqualTo(Verdict.NOT_DECIDED);
		assertThat(goal.judge(new Interval(1.2, 1.3, 1.4, 7))).isEqualTo(Verdict.MET);
		assertThat(goal.judge(new Interval(0.8, 0.85, 0.9, 7))).isEqualTo(Verdict.MISSED);
		assertThat(goal.judge(Interval.EMPTY)).isEqualTo(Verdict.NO_DATA);
	}

	@Test
	void formatsTheTarget() {
		assertThat(Goal.atLeast(0.95, "0.95").format()).isEqualTo(">= 0.95");
		assertThat(Goal.atMost(1.5, "1.5 KB").format()).isEqualTo("<= 1.5 KB");
		assertThat(Goal.below(1, "1 ms").format()).isEqualTo("< 1 ms");
	}

	private static Interval interval(double low, double median, double high) {
		return new Interval(low, median, high, 7);
	}

}
