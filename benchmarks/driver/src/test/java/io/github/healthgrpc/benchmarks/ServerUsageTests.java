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
 * Tests for {@link ServerUsage}.
 *
 * @author health-grpc authors
 */
class ServerUsageTests {

	@Test
	void readsTheCpuAndCompileTimesOfOneReply() {
		assertThat(ServerUsage.parse("CPU 123456789 4321")).isEqualTo(new ServerUsage(123_456_789, 4321));
	}

	@Test
	void aReplyFromAServerJarBuiltBeforeTheCompileTimeHasItUnknown() {
		assertThat(ServerUsage.parse("CPU 123456789")).isEqualTo(new ServerUsage(123_456_789, -1));
	}

	@Test
	void theDifferenceOfTwoReadings() {
		assertThat(new ServerUsage(5_000, 40).since(new ServerUsage(2_000, 15))).isEqualTo(new ServerUsage(3_000, 25));
	}

	@Test
	void aCompileTimeTheJvmDoesNotTellStaysUnknown() {
		assertThat(new ServerUsage(5_000, -1).since(new ServerUsage(2_000, -1))).isEqualTo(new ServerUsage(3_000, -1));
		assertThat(new ServerUsage(5_000, 40).since(new ServerUsage(2_000, -1)).compileMillis()).isEqualTo(-1);
	}

}
