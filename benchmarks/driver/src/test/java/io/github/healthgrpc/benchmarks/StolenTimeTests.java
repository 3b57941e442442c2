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
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link StolenTime}.
 *
 * @author health-grpc authors
 */
class StolenTimeTests {

	private static final List<String> BEFORE = List.of("cpu  4770220 0 1021921 4914481 5987 0 40415 65653 0 0",
			"cpu0 1926612 0 455101 2952246 1924 0 18375 35713 0 0",
			"cpu1 2843608 0 566820 1962235 4063 0 22039 29939 0 0", "intr 1 2 3", "ctxt 99");

	// 50 ticks later on each CPU: CPU 1 lost 10 of its 50 to another guest, CPU 0 none
	private static final List<String> AFTER = List.of("cpu  4770270 0 1021921 4914521 5987 0 40415 65663 0 0",
			"cpu0 1926652 0 455101 2952256 1924 0 18375 35713 0 0",
			"cpu1 2843618 0 566820 1962265 4063 0 22039 29949 0 0", "intr 1 2 3", "ctxt 99");

	@Test
	void countsOnlyTheGivenCpus() {
		assertThat(stolen(cpus(1))).isEqualTo(0.2);
		assertThat(stolen(cpus(0))).isZero();
		assertThat(stolen(cpus(0, 1))).isEqualTo(0.1);
	}

	@Test
	void noCpusMeansTheMachinesTotalLine() {
		assertThat(StolenTime.parse(BEFORE, new BitSet()))
			.isEqualTo(new StolenTime.Ticks(65653, 4770220 + 1021921 + 4914481 + 5987 + 40415 + 65653));
		assertThat(stolen(new BitSet())).isEqualTo(0.1);
	}

	@Test
	void nothingReadIsNothingStolen() {
		assertThat(StolenTime.Ticks.NONE.stolenSince(StolenTime.Ticks.NONE)).isZero();
		// a kernel without the steal column
		assertThat(StolenTime.parse(List.of("cpu1 10 0 10 10"), cpus(1))).isEqualTo(new StolenTime.Ticks(0, 30));
	}

	@Test
	void readsThisMachinesCounters() {
		assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
		StolenTime.Ticks ticks = new StolenTime(cpus(0)).read();
		assertThat(ticks.total()).isPositive().isGreaterThanOrEqualTo(ticks.stolen());
	}

	private static double stolen(BitSet cpus) {
		return StolenTime.parse(AFTER, cpus).stolenSince(StolenTime.parse(BEFORE, cpus));
	}

	private static BitSet cpus(int... cpus) {
		BitSet set = new BitSet();
		for (int cpu : cpus) {
			set.set(cpu);
		}
		return set;
	}

}
