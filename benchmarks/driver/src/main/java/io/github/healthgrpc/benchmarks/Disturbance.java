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

/**
 * What else had CPU time during one measured slice of one server, in milliseconds: the
 * compilations and collections that a latency tail is made of on these machines. The
 * servers of a line share one CPU, so a neighbour's compiler takes it from the measured
 * server as its own does; the load generator has the other CPU, and its compiler or
 * collector delays the replies it reads. Each figure is {@code -1} when unknown (not
 * Linux, or a run from before it was recorded).
 *
 * @param serverCompilerMillis the measured server's JIT compiler threads
 * @param serverGcMillis the measured server's collector pauses: its pause workers' time
 * (its own cost: what it allocates)
 * @param neighboursMillis every thread of the line's other servers, idle of load
 * @param neighboursCompilerMillis the other servers' JIT compiler threads
 * @param loadCompilerMillis the load generator's JIT compiler threads
 * @param loadGcMillis the load generator's collector pauses: its pause workers' time
 * @author health-grpc authors
 */
record Disturbance(double serverCompilerMillis, double serverGcMillis, double neighboursMillis,
		double neighboursCompilerMillis, double loadCompilerMillis, double loadGcMillis) {

	/** Nothing read. */
	static final Disturbance UNKNOWN = new Disturbance(-1, -1, -1, -1, -1, -1);

	boolean known() {
		return this.serverCompilerMillis >= 0 && this.neighboursCompilerMillis >= 0 && this.loadCompilerMillis >= 0
				&& this.loadGcMillis >= 0;
	}

	/**
	 * Whether the slice ran clear of every compiler on the servers' CPU and of the load
	 * generator's collector pauses: what is left is the server's steady state, its own
	 * collections included (they are what it allocates, a cost of its own). A compilation
	 * is a warm-up's tail, and a neighbour's compilation or the load generator's pause
	 * belongs to the bench, not to the server measured. The load generator's compiler is
	 * left out: it runs a little in most slices (under a millisecond of its own CPU),
	 * alike for every server.
	 * @return whether none of them ran; {@code false} if unknown
	 */
	boolean undisturbed() {
		return known() && this.serverCompilerMillis == 0 && this.neighboursCompilerMillis == 0
				&& this.loadGcMillis == 0;
	}

	/**
	 * Reads the threads of a line's servers and of the load generator itself.
	 */
	static final class Meter {

		/** For load that is not measured: reads nothing. */
		static final Meter NONE = new Meter(-1, List.of());

		private final long server;

		private final List<Long> neighbours;

		/**
		 * @param server the measured server's process id, -1 for none
		 * @param neighbours the process ids of the line's other servers
		 */
		Meter(long server, List<Long> neighbours) {
			this.server = server;
			this.neighbours = List.copyOf(neighbours);
		}

		Reading read() {
			if (this.server < 0) {
				return Reading.NONE;
			}
			ThreadCpu neighbours = ThreadCpu.ZERO;
			for (long pid : this.neighbours) {
				neighbours = neighbours.plus(ThreadCpu.of(pid));
			}
			return new Reading(ThreadCpu.of(this.server), neighbours, ThreadCpu.of(ProcessHandle.current().pid()));
		}

	}

	/**
	 * One reading of the threads.
	 *
	 * @param server the measured server's
	 * @param neighbours the other servers' together
	 * @param load the load generator's
	 */
	record Reading(ThreadCpu server, ThreadCpu neighbours, ThreadCpu load) {

		static final Reading NONE = new Reading(ThreadCpu.UNKNOWN, ThreadCpu.UNKNOWN, ThreadCpu.UNKNOWN);

		/**
		 * What ran since an earlier reading.
		 * @param before the earlier reading
		 * @return the slice's disturbance, each unknown figure -1
		 */
		Disturbance since(Reading before) {
			ThreadCpu server = this.server.since(before.server);
			ThreadCpu neighbours = this.neighbours.since(before.neighbours);
			ThreadCpu load = this.load.since(before.load);
			return new Disturbance(millis(server.compilerNanos()), millis(server.gcNanos()),
					millis(neighbours.allNanos()), millis(neighbours.compilerNanos()), millis(load.compilerNanos()),
					millis(load.gcNanos()));
		}

		private static double millis(long nanos) {
			return (nanos < 0) ? -1 : nanos / 1e6;
		}

	}

}
