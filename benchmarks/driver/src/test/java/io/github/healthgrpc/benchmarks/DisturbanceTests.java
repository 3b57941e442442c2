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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Disturbance}.
 *
 * @author health-grpc authors
 */
class DisturbanceTests {

	@Test
	void aSliceIsUndisturbedOnlyWhenNoCompilerOnTheServersCpuNorAPauseOfTheLoadGeneratorRan() {
		// the server's own collections, the neighbours' other threads and the load
		// generator's compiler do not disturb it
		assertThat(new Disturbance(0, 3.5, 1.2, 0, 0.8, 0).undisturbed()).isTrue();
		assertThat(new Disturbance(0.01, 0, 0, 0, 0, 0).undisturbed()).isFalse();
		assertThat(new Disturbance(0, 0, 0, 0.01, 0, 0).undisturbed()).isFalse();
		assertThat(new Disturbance(0, 0, 0, 0, 0, 0.01).undisturbed()).isFalse();
	}

	@Test
	void anUnknownSliceIsNotUndisturbed() {
		assertThat(Disturbance.UNKNOWN.known()).isFalse();
		assertThat(Disturbance.UNKNOWN.undisturbed()).isFalse();
		assertThat(new Disturbance(0, 0, 0, -1, 0, 0).undisturbed()).isFalse();
	}

	@Test
	void aReadingTellsWhatRanSinceTheOneBefore() {
		Disturbance.Reading before = new Disturbance.Reading(new ThreadCpu(1_000_000, 0, 9_000_000),
				new ThreadCpu(0, 0, 2_000_000), new ThreadCpu(5_000_000, 1_000_000, 50_000_000));
		Disturbance.Reading after = new Disturbance.Reading(new ThreadCpu(3_500_000, 250_000, 90_000_000),
				new ThreadCpu(0, 0, 2_500_000), new ThreadCpu(5_000_000, 1_000_000, 60_000_000));
		assertThat(after.since(before)).isEqualTo(new Disturbance(2.5, 0.25, 0.5, 0, 0, 0));
		assertThat(after.since(Disturbance.Reading.NONE)).isEqualTo(Disturbance.UNKNOWN);
	}

	@Test
	void theMeterOfUnmeasuredLoadReadsNothing() {
		assertThat(Disturbance.Meter.NONE.read()).isEqualTo(Disturbance.Reading.NONE);
	}

}
