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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a process's threads have had so far, by what they do: its JIT compiler
 * threads, its garbage collector's pause workers, and all of them. Read from Linux's
 * {@code /proc/<pid>/task/<tid>/schedstat} (the first field: nanoseconds on a CPU) and
 * {@code comm} (the thread's name as HotSpot sets it: {@code C2 CompilerThre}, {@code GC
 * Thread#0}, {@code G1 Conc#0}, ...), so that it costs the process read nothing and
 * counts a compilation's CPU while it runs, not only when it ends as the JVM's own
 * compilation time does. A thread that ended since an earlier reading takes its time with
 * it: {@link #since} never goes below zero.
 *
 * @param compilerNanos the JIT compiler threads' CPU time, -1 if unknown
 * @param gcNanos the garbage collector's pause workers' CPU time, -1 if unknown
 * @param allNanos every thread's CPU time, -1 if unknown
 * @author health-grpc authors
 */
record ThreadCpu(long compilerNanos, long gcNanos, long allNanos) {

	/** Nothing read: not Linux, or the process is gone. */
	static final ThreadCpu UNKNOWN = new ThreadCpu(-1, -1, -1);

	/** Nothing used, for adding up. */
	static final ThreadCpu ZERO = new ThreadCpu(0, 0, 0);

	/**
	 * Read a process's threads.
	 * @param pid the process
	 * @return what they have used so far, {@link #UNKNOWN} if {@code /proc} does not tell
	 */
	static ThreadCpu of(long pid) {
		return of(Path.of("/proc", Long.toString(pid), "task"));
	}

	/**
	 * Read the threads listed in a {@code task} folder.
	 * @param tasks {@code /proc/<pid>/task} or a folder laid out like it
	 * @return what they have used so far, {@link #UNKNOWN} if the folder is missing
	 */
	static ThreadCpu of(Path tasks) {
		long compiler = 0;
		long gc = 0;
		long all = 0;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : (Iterable<Path>) threads::iterator) {
				String name;
				long nanos;
				try {
					name = Files.readString(thread.resolve("comm")).trim();
					String schedstat = Files.readString(thread.resolve("schedstat")).trim();
					nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
				}
				catch (NoSuchFileException ex) {
					// the thread ended while the folder was read
					continue;
				}
				all += nanos;
				if (isCompiler(name)) {
					compiler += nanos;
				}
				else if (isCollector(name)) {
					gc += nanos;
				}
			}
		}
		catch (NoSuchFileException ex) {
			return UNKNOWN;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ThreadCpu(compiler, gc, all);
	}

	// HotSpot's names, cut to 15 characters by Linux: "C2 CompilerThre", "C1
	// CompilerThre"
	static boolean isCompiler(String name) {
		return name.contains("CompilerThre");
	}

	// G1's pause workers ("GC Thread#0"): the application waits while they run. Its
	// concurrent threads ("G1 Conc#0", "G1 Refine#0", "G1 Service") run a little in
	// most slices beside the application, and count only in all.
	static boolean isCollector(String name) {
		return name.startsWith("GC Thread");
	}

	boolean known() {
		return this.allNanos >= 0;
	}

	/**
	 * What was used since an earlier reading.
	 * @param before the earlier reading
	 * @return the difference, each part at least zero; {@link #UNKNOWN} if either reading
	 * is
	 */
	ThreadCpu since(ThreadCpu before) {
		if (!known() || !before.known()) {
			return UNKNOWN;
		}
		return new ThreadCpu(Math.max(0, this.compilerNanos - before.compilerNanos),
				Math.max(0, this.gcNanos - before.gcNanos), Math.max(0, this.allNanos - before.allNanos));
	}

	/**
	 * Two processes' time together.
	 * @param other the other process's
	 * @return the sum; {@link #UNKNOWN} if either is
	 */
	ThreadCpu plus(ThreadCpu other) {
		if (!known() || !other.known()) {
			return UNKNOWN;
		}
		return new ThreadCpu(this.compilerNanos + other.compilerNanos, this.gcNanos + other.gcNanos,
				this.allNanos + other.allNanos);
	}

}
