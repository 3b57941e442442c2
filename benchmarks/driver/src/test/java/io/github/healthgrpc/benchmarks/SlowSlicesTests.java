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

import io.github.healthgrpc.benchmarks.SlowSlices.Cause;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SlowSlices}.
 *
 * @author health-grpc authors
 */
class SlowSlicesTests {

	private static final Disturbance QUIET = new Disturbance(0, 0, 0, 0, 0, 0);

	@Test
	void aSliceIsSlowAgainstTheMedianOfItsOwnLoad() {
		// median 2: 3.1 is slow, 3 is not; the second load's median 10: 12 is not slow
		SlowSlices slices = new SlowSlices(
				List.of(List.of(slice(2, QUIET), slice(2, QUIET), slice(3, QUIET), slice(3.1, QUIET), slice(1, QUIET)),
						List.of(slice(10, QUIET), slice(12, QUIET), slice(9, QUIET))));
		assertThat(slices.slow()).isEqualTo(1);
		assertThat(slices.all()).isEqualTo(8);
	}

	@Test
	void tellsHowOftenEachCauseRanInTheSlowSlicesAndInTheOthers() {
		Disturbance compiling = new Disturbance(12.5, 0, 0, 0, 0, 0);
		Disturbance neighbourCompiling = new Disturbance(0, 0, 4, 4, 0, 0);
		Disturbance loadCollecting = new Disturbance(0, 0, 0, 0, 0, 1.5);
		Disturbance collecting = new Disturbance(0, 2, 0, 0, 0, 0);
		SlowSlices slices = new SlowSlices(List.of(List.of(slice(1, QUIET), slice(1, QUIET), slice(1, collecting),
				slice(1, compiling), slice(5, compiling), slice(5, neighbourCompiling), slice(5, loadCollecting))));
		assertThat(slices.slow()).isEqualTo(3);
		assertThat(slices.amongSlow(Cause.SERVER_COMPILER)).isEqualTo("33% of 3");
		assertThat(slices.amongOthers(Cause.SERVER_COMPILER)).isEqualTo("25% of 4");
		assertThat(slices.amongSlow(Cause.NEIGHBOURS_COMPILER)).isEqualTo("33% of 3");
		assertThat(slices.amongOthers(Cause.NEIGHBOURS_COMPILER)).isEqualTo("0% of 4");
		assertThat(slices.amongSlow(Cause.LOAD_GENERATOR_PAUSE)).isEqualTo("33% of 3");
		assertThat(slices.amongOthers(Cause.SERVER_PAUSE)).isEqualTo("25% of 4");
	}

	@Test
	void aSliceFromBeforeTheThreadsWereReadTellsOnlyItsFinishedCompilations() {
		CheckLoad.Slice compiled = new CheckLoad.Slice(0, 1000, 5, 50, 30, 0, 0);
		CheckLoad.Slice notCompiled = new CheckLoad.Slice(1, 1000, 1, 50, 0, 0, 0);
		CheckLoad.Slice unknown = new CheckLoad.Slice(2, 1000, 1, 50, -1, 0, 0);
		SlowSlices slices = new SlowSlices(List.of(List.of(compiled, notCompiled, unknown)));
		assertThat(slices.amongSlow(Cause.SERVER_COMPILER)).isEqualTo("100% of 1");
		assertThat(slices.amongOthers(Cause.SERVER_COMPILER)).isEqualTo("0% of 1");
		assertThat(slices.amongSlow(Cause.NEIGHBOURS_COMPILER)).isEqualTo("–");
	}

	@Test
	void aCauseCountsInASliceOnlyWhenItTookAMillisecondOrMore() {
		List<CheckLoad.Slice> slices = List.of(slice(1, new Disturbance(0.999, 0, 0, 0, 0, 0)),
				slice(1, new Disturbance(1, 0, 0, 0, 0, 0)), slice(1, new Disturbance(4.001, 0, 0, 0, 0, 0)),
				slice(1, Disturbance.UNKNOWN));
		assertThat(SlowSlices.share(slices, Cause.SERVER_COMPILER)).isEqualTo("67% of 3");
		assertThat(SlowSlices.meanMillis(slices, Cause.SERVER_COMPILER)).isEqualTo("2.00");
		assertThat(SlowSlices.share(List.of(slice(1, Disturbance.UNKNOWN)), Cause.SERVER_PAUSE)).isEqualTo("–");
		assertThat(SlowSlices.meanMillis(List.of(), Cause.SERVER_PAUSE)).isEqualTo("–");
	}

	private static CheckLoad.Slice slice(double p99, Disturbance disturbance) {
		return new CheckLoad.Slice(0, 1000, p99, 50, -1, 0, 0, disturbance);
	}

}
