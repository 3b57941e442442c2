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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads by what they do: its JIT compiler threads, its garbage
 * collector's pause workers, and all of them, in nanoseconds. Read from Linux's
 * {@code /proc/<pid>/task/<tid>/schedstat} (the first field: nanoseconds on a CPU) and
 * {@code comm} (the thread's name as HotSpot sets it: {@code C2 CompilerThre}, {@code GC
 * Thread#0}, {@code G1 Conc#0}, ...): it costs the process read nothing (the reader
 * pays), and it counts a compilation's CPU while it runs, not only when it ends as the
 * JVM's own compilation time does.
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

	/**
	 * Each thread of a process at one moment: its name and its CPU time so far. Compared
	 * thread by thread, so that a thread that ends between two samples takes only itself
	 * out of the difference, and one that starts counts from zero.
	 */
	static final class Sample {

		/** Nothing read. */
		static final Sample NONE = new Sample(null);

		private final Map<Long, Thread> threads;

		private Sample(Map<Long, Thread> threads) {
			this.threads = threads;
		}

		/**
		 * Read a process's threads.
		 * @param pid the process
		 * @return its threads now, {@link #NONE} if {@code /proc} does not tell
		 */
		static Sample of(long pid) {
			return of(Path.of("/proc", Long.toString(pid), "task"));
		}

		/**
		 * Read the threads listed in a {@code task} folder. Never fails: a benchmark run
		 * must not end for want of a diagnostic.
		 * @param tasks {@code /proc/<pid>/task} or a folder laid out like it
		 * @return its threads now, {@link #NONE} if the folder cannot be listed
		 */
		static Sample of(Path tasks) {
			Map<Long, Thread> threads = new TreeMap<>();
			try (Stream<Path> ids = Files.list(tasks)) {
				ids.forEach((thread) -> {
					try {
						String schedstat = Files.readString(thread.resolve("schedstat")).trim();
						threads.put(Long.parseLong(thread.getFileName().toString()),
								new Thread(Files.readString(thread.resolve("comm")).trim(),
										Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')))));
					}
					catch (IOException | RuntimeException ex) {
						// the thread ended while the folder was read (ENOENT, or ESRCH
						// while its file was open), or it is no thread's folder
					}
				});
			}
			catch (IOException | RuntimeException ex) {
				return NONE;
			}
			return new Sample(threads);
		}

		boolean known() {
			return this.threads != null;
		}

		/**
		 * What the threads used since an earlier sample of the same process.
		 * @param before the earlier sample
		 * @return the time of the threads alive now, each less its own time then (a
		 * thread new since counts whole); {@link ThreadCpu#UNKNOWN} if either sample is
		 * {@link #NONE}
		 */
		ThreadCpu since(Sample before) {
			if (!known() || !before.known()) {
				return UNKNOWN;
			}
			long compiler = 0;
			long gc = 0;
			long all = 0;
			for (Map.Entry<Long, Thread> entry : this.threads.entrySet()) {
				Thread then = before.threads.get(entry.getKey());
				long used = Math.max(0, entry.getValue().nanos - ((then != null) ? then.nanos : 0));
				all += used;
				if (isCompiler(entry.getValue().name)) {
					compiler += used;
				}
				else if (isCollector(entry.getValue().name)) {
					gc += used;
				}
			}
			return new ThreadCpu(compiler, gc, all);
		}

		private record Thread(String name, long nanos) {

		}

	}

}
