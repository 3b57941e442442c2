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

import java.util.ArrayList;
import java.util.List;

/**
 * What else had CPU time during one measured slice of one server and the settle time
 * before it, in milliseconds (to the microsecond): the compilations and collector pauses
 * that a latency tail is made of on these machines. The servers of a line share one CPU,
 * so a neighbour's compiler takes it from the measured server as its own does; the load
 * generator has the other CPU, and its collector's pauses delay the replies it reads.
 * Each figure is {@code -1} when unknown (not Linux, or a run from before it was
 * recorded).
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

	/**
	 * The least time that counts as having run: below it, a thread woke for some
	 * microseconds (in the run at 64b9420, 15 of 3,360 slices had the server's compiler
	 * threads at more than 0 and less than 0.1 ms).
	 */
	static final double RAN_MILLIS = 0.1;

	/**
	 * Whether threads that used this much ran for the purpose of this record.
	 * @param millis their time, -1 if unknown
	 * @return whether they ran, {@code null} if unknown
	 */
	static Boolean ran(double millis) {
		return (millis < 0) ? null : millis >= RAN_MILLIS;
	}

	boolean known() {
		return this.serverCompilerMillis >= 0 && this.neighboursCompilerMillis >= 0 && this.loadGcMillis >= 0;
	}

	/**
	 * Whether the slice ran clear of every compiler on the servers' CPU and of the load
	 * generator's collector pauses: what is left is the server's steady state, its own
	 * collections included (they are what it allocates, a cost of its own). A compilation
	 * is a warm-up's tail, and a neighbour's compilation or the load generator's pause
	 * belongs to the bench, not to the server measured. The load generator's compiler is
	 * left out: it runs a little in most slices, alike for every server.
	 * @return whether none of them ran; {@code false} if unknown
	 */
	boolean undisturbed() {
		return known() && !ran(this.serverCompilerMillis) && !ran(this.neighboursCompilerMillis)
				&& !ran(this.loadGcMillis);
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
			List<ThreadCpu.Sample> neighbours = new ArrayList<>();
			for (long pid : this.neighbours) {
				neighbours.add(ThreadCpu.Sample.of(pid));
			}
			return new Reading(ThreadCpu.Sample.of(this.server), neighbours,
					ThreadCpu.Sample.of(ProcessHandle.current().pid()));
		}

	}

	/**
	 * One reading of the threads.
	 *
	 * @param server the measured server's
	 * @param neighbours each other server's, in the same order every time
	 * @param load the load generator's
	 */
	record Reading(ThreadCpu.Sample server, List<ThreadCpu.Sample> neighbours, ThreadCpu.Sample load) {

		static final Reading NONE = new Reading(ThreadCpu.Sample.NONE, List.of(), ThreadCpu.Sample.NONE);

		/**
		 * What ran since an earlier reading.
		 * @param before the earlier reading of the same processes
		 * @return the slice's disturbance, each unknown figure -1
		 */
		Disturbance since(Reading before) {
			if (!this.server.known() || !before.server.known()) {
				return UNKNOWN;
			}
			ThreadCpu server = this.server.since(before.server);
			ThreadCpu neighbours = (this.neighbours.size() == before.neighbours.size()) ? ThreadCpu.ZERO
					: ThreadCpu.UNKNOWN;
			for (int i = 0; i < this.neighbours.size() && neighbours.known(); i++) {
				neighbours = neighbours.plus(this.neighbours.get(i).since(before.neighbours.get(i)));
			}
			ThreadCpu load = this.load.since(before.load);
			return new Disturbance(millis(server.compilerNanos()), millis(server.gcNanos()),
					millis(neighbours.allNanos()), millis(neighbours.compilerNanos()), millis(load.compilerNanos()),
					millis(load.gcNanos()));
		}

		// to the microsecond, as slices.csv keeps it: a pooled report judges as the run
		// did
		private static double millis(long nanos) {
			return (nanos < 0) ? -1 : Math.round(nanos / 1e3) / 1e3;
		}

	}

}
