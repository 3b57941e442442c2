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

package io.github.healthgrpc.client.lb;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * nginx's smooth weighted round robin: exact shares in every period, spread out, never a
 * whole pick ahead of a share.
 *
 * @author health-grpc authors
 */
class SmoothWeightedRoundRobinTests {

	@Test
	void weightsOneAndThreeGiveTheHeavyOneThreeOfEveryFourSpreadOut() {
		SmoothWeightedRoundRobin sequence = new SmoothWeightedRoundRobin(new int[] { 1, 3 });
		int[] picks = new int[12];
		for (int i = 0; i < picks.length; i++) {
			picks[i] = sequence.next();
		}
		assertThat(picks).containsExactly(1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1);
		assertThat(sequence.periodLength()).isEqualTo(4);
	}

	@Test
	void everyRunOfOnePeriodHoldsEachIndexExactlyItsWeightsTimes() {
		Random random = new Random(15);
		for (int trial = 0; trial < 2_000; trial++) {
			int[] weights = random.ints(1 + random.nextInt(8), 1, 21).toArray();
			SmoothWeightedRoundRobin sequence = new SmoothWeightedRoundRobin(weights);
			int period = (int) sequence.periodLength();
			int[] picks = new int[3 * period];
			for (int i = 0; i < picks.length; i++) {
				picks[i] = sequence.next();
			}
			int divisor = Arrays.stream(weights).reduce(SmoothWeightedRoundRobinTests::gcd).getAsInt();
			for (int start = 0; start + period <= picks.length; start++) {
				int[] counts = new int[weights.length];
				for (int i = start; i < start + period; i++) {
					counts[picks[i]]++;
				}
				for (int i = 0; i < weights.length; i++) {
					assertThat(counts[i]).as("%s from %d", Arrays.toString(weights), start)
						.isEqualTo(weights[i] / divisor);
				}
			}
		}
	}

	@Test
	void noIndexIsEverAWholePickAheadOfItsShare() {
		Random random = new Random(16);
		for (int trial = 0; trial < 2_000; trial++) {
			int[] weights = random.ints(1 + random.nextInt(8), 1, 21).toArray();
			long total = Arrays.stream(weights).sum();
			SmoothWeightedRoundRobin sequence = new SmoothWeightedRoundRobin(weights);
			long[] counts = new long[weights.length];
			for (int picks = 1; picks <= 2 * total; picks++) {
				counts[sequence.next()]++;
				for (int i = 0; i < weights.length; i++) {
					// counts[i] < picks * weights[i] / total + 1, in whole numbers
					assertThat(counts[i] * total).as("%s after %d", Arrays.toString(weights), picks)
						.isLessThan(picks * weights[i] + total);
				}
			}
		}
	}

	@Test
	void aPeriodIsComputedOnlyUpToTheLimit() {
		assertThat(SmoothWeightedRoundRobin.period(new int[] { 2, 6 }, 4)).containsExactly(1, 0, 1, 1);
		assertThat(SmoothWeightedRoundRobin.period(new int[] { 1, 4 }, 4)).isNull();
		assertThat(SmoothWeightedRoundRobin.period(new int[] { 7 }, 4)).containsExactly(0);
	}

	@Test
	void weightsThatAreNotPositiveAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SmoothWeightedRoundRobin(new int[] { 1, 0 }));
		assertThatIllegalArgumentException().isThrownBy(() -> new SmoothWeightedRoundRobin(new int[] { -1 }));
	}

	private static int gcd(int a, int b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

}
