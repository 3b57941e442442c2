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

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CheckLoad}'s figures.
 *
 * @author health-grpc authors
 */
class CheckLoadTests {

	@Test
	void aQuietWarmUpSaysHowLongAndWhatItsLastCycleServed() {
		assertThat(new CheckLoad.WarmedUp(42.25, 7, 12, true, List.of(3000.0, 15000.4, 17000.0), 0).describe())
			.isEqualTo("warm-up: 42.3 s, 7 cycles; the last: 12 ms compiling, 3,000 / 15,000 / 17,000 calls/s");
	}

	@Test
	void aWarmUpAtItsLimitSaysSoWithItsErrorsAndAnUnknownCompileTime() {
		assertThat(new CheckLoad.WarmedUp(90, 15, -1, false, List.of(10.0), 3).describe()).isEqualTo(
				"warm-up: 90.0 s, 15 cycles; the last: unknown compiling, 10 calls/s, ERRORS 3 (STILL COMPILING at the limit)");
	}

	@Test
	void theUndisturbedSlicesHaveAP99OfTheirOwn() {
		CheckLoad.Window quiet = window(1_000, 1000);
		CheckLoad.Window compiling = window(100, 20_000);
		CheckLoad.Result result = CheckLoad.Window.empty()
			.plus(quiet)
			.plus(compiling)
			.result(List.of(slice(0, new Disturbance(0, 0, 0, 0, 0, 0)), slice(1, new Disturbance(15, 0, 0, 0, 0, 0))),
					CheckLoad.Window.empty().plus(quiet));
		// 1,100 calls: the slowest 11 took 20 ms
		assertThat(result.p99Millis()).isCloseTo(20, within(0.1));
		assertThat(result.undisturbedP99Millis()).isCloseTo(1, within(0.01));
		assertThat(result.undisturbedSlices()).isEqualTo(1);
		assertThat(result.callsPerSecond()).isCloseTo(1_100 / 0.3, within(0.01));
	}

	@Test
	void withoutUndisturbedSlicesThereIsNoP99OfThem() {
		CheckLoad.Result result = window(100, 1000).result(List.of(slice(0, Disturbance.UNKNOWN)),
				CheckLoad.Window.empty());
		assertThat(result.undisturbedP99Millis()).isNaN();
		assertThat(result.undisturbedSlices()).isZero();
	}

	// one slice's window of 0.15 s: its calls each took the same time
	private static CheckLoad.Window window(int calls, long micros) {
		Histogram latencies = new Histogram(3);
		latencies.recordValueWithCount(micros, calls);
		return new CheckLoad.Window(latencies, 0.15, 1_000_000, 0);
	}

	private static CheckLoad.Slice slice(int turn, Disturbance disturbance) {
		return new CheckLoad.Slice(turn, 1000, 1, 50, 0, 0, 0, disturbance);
	}

}
