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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Disturbance}.
 *
 * @author health-grpc authors
 */
class DisturbanceTests {

	@TempDir
	Path folder;

	@Test
	void aSliceIsUndisturbedOnlyWhenNoCompilerOnTheServersCpuNorAPauseOfTheLoadGeneratorRan() {
		// the server's own collections, the neighbours' other threads and the load
		// generator's compiler do not disturb it
		assertThat(new Disturbance(0, 3.5, 1.2, 0, 0.8, 0).undisturbed()).isTrue();
		assertThat(new Disturbance(0.1, 0, 0, 0, 0, 0).undisturbed()).isFalse();
		assertThat(new Disturbance(0, 0, 0, 0.1, 0, 0).undisturbed()).isFalse();
		assertThat(new Disturbance(0, 0, 0, 0, 0, 0.1).undisturbed()).isFalse();
	}

	@Test
	void anIdleCompilerWakingUpIsNoCompilation() {
		assertThat(new Disturbance(0.099, 0, 0, 0.05, 0, 0.012).undisturbed()).isTrue();
		assertThat(Disturbance.ran(0.099)).isFalse();
		assertThat(Disturbance.ran(0.1)).isTrue();
		assertThat(Disturbance.ran(-1)).isNull();
	}

	@Test
	void anUnknownSliceIsNotUndisturbed() {
		assertThat(Disturbance.UNKNOWN.known()).isFalse();
		assertThat(Disturbance.UNKNOWN.undisturbed()).isFalse();
		assertThat(new Disturbance(0, 0, 0, -1, 0, 0).undisturbed()).isFalse();
	}

	@Test
	void aReadingTellsWhatRanSinceTheOneBeforeToTheMicrosecond() throws Exception {
		Disturbance.Reading before = new Disturbance.Reading(
				sample("server1", "C2 CompilerThre", 1_000_000, "GC Thread#0", 0),
				List.of(sample("a1", "java", 1_000_000, "C1 CompilerThre", 0),
						sample("b1", "java", 1_000_000, "C1 CompilerThre", 0)),
				sample("load1", "C2 CompilerThre", 5_000_000, "GC Thread#0", 1_000_000));
		Disturbance.Reading after = new Disturbance.Reading(
				sample("server2", "C2 CompilerThre", 3_500_400, "GC Thread#0", 250_000),
				List.of(sample("a2", "java", 1_300_000, "C1 CompilerThre", 0),
						sample("b2", "java", 1_200_000, "C1 CompilerThre", 100_000)),
				sample("load2", "C2 CompilerThre", 5_000_000, "GC Thread#0", 1_000_000));
		assertThat(after.since(before)).isEqualTo(new Disturbance(2.5, 0.25, 0.6, 0.1, 0, 0));
		assertThat(after.since(Disturbance.Reading.NONE)).isEqualTo(Disturbance.UNKNOWN);
	}

	@Test
	void theMeterOfUnmeasuredLoadReadsNothing() {
		assertThat(Disturbance.Meter.NONE.read()).isEqualTo(Disturbance.Reading.NONE);
	}

	// a process of two threads, 1 and 2
	private ThreadCpu.Sample sample(String name, String first, long firstNanos, String second, long secondNanos)
			throws Exception {
		Path tasks = Files.createDirectory(this.folder.resolve(name));
		thread(tasks, 1, first, firstNanos);
		thread(tasks, 2, second, secondNanos);
		return ThreadCpu.Sample.of(tasks);
	}

	private static void thread(Path tasks, int id, String name, long nanos) throws Exception {
		Path thread = Files.createDirectory(tasks.resolve(Integer.toString(id)));
		Files.writeString(thread.resolve("comm"), name + "\n");
		Files.writeString(thread.resolve("schedstat"), nanos + " 0 1\n");
	}

}
