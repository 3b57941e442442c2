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
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Check slices whose latency tail stands out, and what else took the CPUs during
 * them: a slice is slow when its p99 is more than {@link #FACTOR} times the median p99 of
 * the same server's slices in the same round at the same concurrency. Comparing how often
 * a compiler or a collector pause took {@link #TOOK_MILLIS} or more of a slow slice with
 * how often it did of the others tells what the spread of a p99 ratio between rounds is
 * made of.
 *
 * @author health-grpc authors
 */
final class SlowSlices {

	/** How far above its load's median slice p99 a slice's p99 must be to be slow. */
	static final double FACTOR = 1.5;

	/**
	 * The time a cause must take of a slice (and its settle time, 0.2 s in all by
	 * default) to count: half a percent of it, and about a fifth of a slice's p99 at 64
	 * in flight; a compiler that runs less costs the calls in flight less than that.
	 */
	static final double TOOK_MILLIS = 1;

	private final List<CheckLoad.Slice> slow = new ArrayList<>();

	private final List<CheckLoad.Slice> others = new ArrayList<>();

	/**
	 * Sort the slices of some loads.
	 * @param loads each load's slices: one server, one round, one concurrency
	 */
	SlowSlices(Collection<List<CheckLoad.Slice>> loads) {
		for (List<CheckLoad.Slice> load : loads) {
			if (load.isEmpty()) {
				continue;
			}
			double median = Stats.median(load.stream().map(CheckLoad.Slice::p99Millis).toList());
			for (CheckLoad.Slice slice : load) {
				(slice.p99Millis() > FACTOR * median ? this.slow : this.others).add(slice);
			}
		}
	}

	int slow() {
		return this.slow.size();
	}

	int all() {
		return this.slow.size() + this.others.size();
	}

	/**
	 * How many of the slow slices a cause took {@link #TOOK_MILLIS} or more of.
	 * @param cause what ran
	 * @return "63% of 413" among the slow slices that tell, "–" if none does
	 */
	String amongSlow(Cause cause) {
		return share(this.slow, cause);
	}

	/**
	 * The same among the other slices.
	 * @param cause what ran
	 * @return the share among the other slices that tell, "–" if none does
	 */
	String amongOthers(Cause cause) {
		return share(this.others, cause);
	}

	/**
	 * How many of some slices a cause took {@link #TOOK_MILLIS} or more of.
	 * @param slices the slices
	 * @param cause what ran
	 * @return "63% of 413" among the slices that tell, "–" if none does
	 */
	static String share(List<CheckLoad.Slice> slices, Cause cause) {
		List<Double> told = told(slices, cause);
		long took = told.stream().filter((millis) -> millis >= TOOK_MILLIS).count();
		return told.isEmpty() ? "–"
				: String.format(Locale.ROOT, "%.0f%% of %,d", 100.0 * took / told.size(), told.size());
	}

	/**
	 * The time a cause took of some slices, on average.
	 * @param slices the slices
	 * @param cause what ran
	 * @return milliseconds per slice among the slices that tell, "–" if none does
	 */
	static String meanMillis(List<CheckLoad.Slice> slices, Cause cause) {
		List<Double> told = told(slices, cause);
		return told.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f",
				told.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
	}

	/**
	 * The time a cause took of some slices, together.
	 * @param slices the slices
	 * @param cause what ran
	 * @return milliseconds, NaN if a slice does not tell or there is none
	 */
	static double totalMillis(List<CheckLoad.Slice> slices, Cause cause) {
		List<Double> told = told(slices, cause);
		return (told.isEmpty() || told.size() < slices.size()) ? Double.NaN
				: told.stream().mapToDouble(Double::doubleValue).sum();
	}

	private static List<Double> told(List<CheckLoad.Slice> slices, Cause cause) {
		return slices.stream().map(cause.millis::applyAsDouble).filter((millis) -> millis >= 0).toList();
	}

	/**
	 * What may have taken the CPUs during a slice, with its time in milliseconds, -1
	 * where the slice does not tell.
	 */
	enum Cause {

		/**
		 * The measured server's JIT compiler: its threads' CPU time where recorded,
		 * otherwise the time of the compilations that finished during the slice.
		 */
		SERVER_COMPILER((slice) -> (slice.disturbance().serverCompilerMillis() >= 0)
				? slice.disturbance().serverCompilerMillis() : slice.compileMillis()),

		/** The compilers of the line's other servers, on the same CPU. */
		NEIGHBOURS_COMPILER((slice) -> slice.disturbance().neighboursCompilerMillis()),

		/** The load generator's collector pauses. */
		LOAD_GENERATOR_PAUSE((slice) -> slice.disturbance().loadGcMillis()),

		/** The measured server's collector pauses. */
		SERVER_PAUSE((slice) -> slice.disturbance().serverGcMillis());

		private final ToDoubleFunction<CheckLoad.Slice> millis;

		Cause(ToDoubleFunction<CheckLoad.Slice> millis) {
			this.millis = millis;
		}

	}

}
