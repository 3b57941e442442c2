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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadCpu}.
 *
 * @author health-grpc authors
 */
class ThreadCpuTests {

	@TempDir
	Path tasks;

	@Test
	void addsUpEachThreadByWhatItDoes() throws Exception {
		thread(101, "java", "5000 10 3");
		thread(102, "C2 CompilerThre", "700 0 1");
		thread(103, "C1 CompilerThre", "300 0 1");
		thread(104, "GC Thread#0", "40 0 1");
		thread(105, "G1 Conc#0", "2 0 1");
		thread(106, "grpc-default-ex", "1 0 1");
		// the concurrent collector thread counts only in all
		assertThat(ThreadCpu.of(this.tasks)).isEqualTo(new ThreadCpu(1000, 40, 6043));
	}

	@Test
	void aThreadThatEndedWhileReadIsLeftOut() throws Exception {
		thread(101, "java", "5000 10 3");
		Files.createDirectory(this.tasks.resolve("102"));
		assertThat(ThreadCpu.of(this.tasks)).isEqualTo(new ThreadCpu(0, 0, 5000));
	}

	@Test
	void aProcessThatIsGoneIsUnknown() {
		assertThat(ThreadCpu.of(this.tasks.resolve("gone"))).isEqualTo(ThreadCpu.UNKNOWN);
		assertThat(ThreadCpu.UNKNOWN.known()).isFalse();
	}

	@Test
	void theTimeSinceAnEarlierReadingNeverGoesBelowZero() {
		ThreadCpu before = new ThreadCpu(100, 50, 1000);
		// a compiler thread ended meanwhile and took its time with it
		assertThat(new ThreadCpu(80, 60, 1500).since(before)).isEqualTo(new ThreadCpu(0, 10, 500));
		assertThat(new ThreadCpu(80, 60, 1500).since(ThreadCpu.UNKNOWN)).isEqualTo(ThreadCpu.UNKNOWN);
		assertThat(ThreadCpu.UNKNOWN.since(before)).isEqualTo(ThreadCpu.UNKNOWN);
	}

	@Test
	void twoProcessesAddUpUnlessEitherIsUnknown() {
		assertThat(new ThreadCpu(1, 2, 3).plus(new ThreadCpu(10, 20, 30))).isEqualTo(new ThreadCpu(11, 22, 33));
		assertThat(ThreadCpu.ZERO.plus(ThreadCpu.UNKNOWN)).isEqualTo(ThreadCpu.UNKNOWN);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsThisJvmsOwnThreads() {
		ThreadCpu self = ThreadCpu.of(ProcessHandle.current().pid());
		// a JVM that ran these tests has compiled something and spent CPU on it
		assertThat(self.compilerNanos()).isPositive();
		assertThat(self.allNanos()).isGreaterThan(self.compilerNanos() + self.gcNanos());
	}

	private void thread(int id, String name, String schedstat) throws Exception {
		Path thread = Files.createDirectory(this.tasks.resolve(Integer.toString(id)));
		Files.writeString(thread.resolve("comm"), name + "\n");
		Files.writeString(thread.resolve("schedstat"), schedstat + "\n");
	}

}
