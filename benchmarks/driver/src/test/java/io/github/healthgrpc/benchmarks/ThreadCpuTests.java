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
	Path folder;

	@Test
	void addsUpEachThreadByWhatItDoes() throws Exception {
		Path before = tasks("before");
		Path after = tasks("after");
		thread(after, 101, "java", "5000 10 3");
		thread(after, 102, "C2 CompilerThre", "700 0 1");
		thread(after, 103, "C1 CompilerThre", "300 0 1");
		thread(after, 104, "GC Thread#0", "40 0 1");
		thread(after, 105, "G1 Conc#0", "2 0 1");
		thread(after, 106, "grpc-default-ex", "1 0 1");
		// the concurrent collector thread counts only in all
		assertThat(ThreadCpu.Sample.of(after).since(ThreadCpu.Sample.of(before)))
			.isEqualTo(new ThreadCpu(1000, 40, 6043));
	}

	@Test
	void eachThreadIsComparedWithItselfAndOneThatEndedTakesOnlyItselfOut() throws Exception {
		Path before = tasks("before");
		thread(before, 101, "java", "5000 10 3");
		thread(before, 102, "C2 CompilerThre", "700 0 1");
		thread(before, 103, "C1 CompilerThre", "300 0 1");
		Path after = tasks("after");
		thread(after, 101, "java", "5600 10 3");
		// 102 ended, its 700 ns gone; 103 compiled 50 ns more; 104 is new
		thread(after, 103, "C1 CompilerThre", "350 0 1");
		thread(after, 104, "C2 CompilerThre", "25 0 1");
		assertThat(ThreadCpu.Sample.of(after).since(ThreadCpu.Sample.of(before))).isEqualTo(new ThreadCpu(75, 0, 675));
	}

	@Test
	void aThreadThatCannotBeReadIsLeftOut() throws Exception {
		Path tasks = tasks("tasks");
		thread(tasks, 101, "java", "5000 10 3");
		// ended while the folder was read: its files gone
		Files.createDirectory(tasks.resolve("102"));
		// a read that fails otherwise (ESRCH on a thread that ended while its file was
		// open is an IOException, not a missing file)
		Path unreadable = Files.createDirectories(tasks.resolve("103").resolve("schedstat"));
		Files.writeString(tasks.resolve("103").resolve("comm"), "C2 CompilerThre\n");
		assertThat(Files.isDirectory(unreadable)).isTrue();
		// nonsense in schedstat
		thread(tasks, 104, "C1 CompilerThre", "garbage");
		assertThat(ThreadCpu.Sample.of(tasks).since(ThreadCpu.Sample.of(tasks("empty"))))
			.isEqualTo(new ThreadCpu(0, 0, 5000));
	}

	@Test
	void aProcessThatIsGoneIsUnknown() throws Exception {
		ThreadCpu.Sample gone = ThreadCpu.Sample.of(this.folder.resolve("gone"));
		assertThat(gone.known()).isFalse();
		assertThat(gone.since(ThreadCpu.Sample.of(tasks("empty")))).isEqualTo(ThreadCpu.UNKNOWN);
		assertThat(ThreadCpu.Sample.of(tasks("empty2")).since(gone)).isEqualTo(ThreadCpu.UNKNOWN);
		assertThat(ThreadCpu.UNKNOWN.known()).isFalse();
	}

	@Test
	void twoProcessesAddUpUnlessEitherIsUnknown() {
		assertThat(new ThreadCpu(1, 2, 3).plus(new ThreadCpu(10, 20, 30))).isEqualTo(new ThreadCpu(11, 22, 33));
		assertThat(ThreadCpu.ZERO.plus(ThreadCpu.UNKNOWN)).isEqualTo(ThreadCpu.UNKNOWN);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void readsThisJvmsOwnThreads() {
		ThreadCpu.Sample none = ThreadCpu.Sample.of(this.folder);
		ThreadCpu self = ThreadCpu.Sample.of(ProcessHandle.current().pid()).since(none);
		// a JVM that ran these tests has compiled something and spent CPU on it
		assertThat(self.compilerNanos()).isPositive();
		assertThat(self.allNanos()).isGreaterThan(self.compilerNanos() + self.gcNanos());
	}

	private Path tasks(String name) throws Exception {
		return Files.createDirectory(this.folder.resolve(name));
	}

	private static void thread(Path tasks, int id, String name, String schedstat) throws Exception {
		Path thread = Files.createDirectory(tasks.resolve(Integer.toString(id)));
		Files.writeString(thread.resolve("comm"), name + "\n");
		Files.writeString(thread.resolve("schedstat"), schedstat + "\n");
	}

}
