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

/**
 * Tests for {@link Pinning}.
 *
 * @author health-grpc authors
 */
class PinningTests {

	@Test
	void serversGoUnderTasksetOnTheirOwnCpus() {
		Pinning pinning = Pinning.decide("1", null, "0", true);
		assertThat(pinning.pinned()).isTrue();
		assertThat(pinning.commandPrefix()).containsExactly("taskset", "-c", "1");
		assertThat(pinning.note()).isNull();
		assertThat(pinning.describe()).isEqualTo("servers pinned to CPU 1 (`taskset -c 1`), load generator on CPU 0");
	}

	@Test
	void withoutTasksetNothingIsPinnedAndTheReportSaysWhy() {
		Pinning pinning = Pinning.decide("1", null, "0-1", false);
		assertThat(pinning.pinned()).isFalse();
		assertThat(pinning.commandPrefix()).isEmpty();
		assertThat(pinning.describe())
			.startsWith("servers and load generator on CPUs 0-1; not pinned: taskset not found");
	}

	@Test
	void noCpusAskedForIsNotPinned() {
		assertThat(Pinning.decide(null, "one CPU only", "0", true).describe())
			.isEqualTo("servers and load generator on CPUs 0; not pinned: one CPU only");
		assertThat(Pinning.decide("none", null, "0-1", true).pinned()).isFalse();
	}

	@Test
	void aLoadGeneratorOnTheServersCpusIsNoted() {
		Pinning pinning = Pinning.decide("1", null, "0-1", true);
		assertThat(pinning.pinned()).isTrue();
		assertThat(pinning.note()).contains("shares CPUs with the servers");
	}

	@Test
	void parsesCpuListsAsTheKernelWritesThem() {
		assertThat(Pinning.cpus("0-2,5").stream().boxed().toList()).isEqualTo(List.of(0, 1, 2, 5));
		assertThat(Pinning.cpus("3").stream().boxed().toList()).isEqualTo(List.of(3));
		assertThat(Pinning.cpus("").isEmpty()).isTrue();
	}

	@Test
	void readsItsOwnCpus() {
		String own = Pinning.allowedCpus("self");
		assertThat(own).matches("\\?|[0-9,\\-]+");
	}

}
