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

/**
 * What a server process has used so far, read in one reply: its CPU time, and the time of
 * its finished JIT compilations (summed over its compiler threads, each counted whole
 * when it ends). A server that compiles under load runs slower code meanwhile (a method
 * whose compiled code was thrown away runs interpreted or in profiling code until it is
 * compiled again), and on one core its compiler threads take turns with its transport.
 *
 * @param cpuNanos the process CPU time, every thread
 * @param compileMillis the finished compilations' time, or -1 if the JVM does not tell
 * @author health-grpc authors
 */
record ServerUsage(long cpuNanos, long compileMillis) {

	/** For load that is not measured: nothing read, the compile time unknown. */
	static final ServerUsage NONE = new ServerUsage(0, -1);

	/**
	 * Parse a server's {@code CPU} reply.
	 * @param reply {@code CPU <nanoseconds> <milliseconds>}, or {@code CPU <nanoseconds>}
	 * from a server jar built before the compile time was added
	 * @return the usage it tells, the compile time -1 if the reply has none
	 */
	static ServerUsage parse(String reply) {
		String[] words = reply.split(" ");
		return new ServerUsage(Long.parseLong(words[1]), (words.length > 2) ? Long.parseLong(words[2]) : -1);
	}

	/**
	 * What was used since an earlier reading.
	 * @param before the earlier reading
	 * @return the difference; compile time -1 if either reading lacks it
	 */
	ServerUsage since(ServerUsage before) {
		boolean compileKnown = this.compileMillis >= 0 && before.compileMillis >= 0;
		return new ServerUsage(this.cpuNanos - before.cpuNanos,
				compileKnown ? this.compileMillis - before.compileMillis : -1);
	}

	/**
	 * A server's usage so far.
	 */
	interface Meter {

		ServerUsage read() throws Exception;

	}

}
