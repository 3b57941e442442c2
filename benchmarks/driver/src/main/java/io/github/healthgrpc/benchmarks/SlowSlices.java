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
import java.util.function.Function;

/**
 * The Check slices whose latency tail stands out, and what else ran during them: a slice
 * is slow when its p99 is more than {@link #FACTOR} times the median p99 of the same
 * server's slices in the same round at the same concurrency. Comparing how often a
 * compiler or a collector ran during the slow slices with how often it ran during the
 * others tells what the spread of a p99 ratio between rounds is made of.
 *
 * @author health-grpc authors
 */
final class SlowSlices {

	/** How far above its load's median slice p99 a slice's p99 must be to be slow. */
	static final double FACTOR = 1.5;

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
	 * How many of the slow slices something ran in, "63% of 413".
	 * @param cause what ran
	 * @return the share among the slow slices that tell, "–" if none does
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

	private static String share(List<CheckLoad.Slice> slices, Cause cause) {
		int known = 0;
		int ran = 0;
		for (CheckLoad.Slice slice : slices) {
			Boolean did = cause.ran.apply(slice);
			if (did != null) {
				known++;
				ran += did ? 1 : 0;
			}
		}
		return (known == 0) ? "–" : String.format(Locale.ROOT, "%.0f%% of %,d", 100.0 * ran / known, known);
	}

	/**
	 * What may have run during a slice; {@code null} where the slice does not tell.
	 */
	enum Cause {

		/**
		 * The measured server's JIT compiler: its threads' CPU time where recorded,
		 * otherwise a compilation that finished during the slice.
		 */
		SERVER_COMPILER((slice) -> {
			if (slice.disturbance().serverCompilerMillis() >= 0) {
				return Disturbance.ran(slice.disturbance().serverCompilerMillis());
			}
			return (slice.compileMillis() >= 0) ? slice.compileMillis() > 0 : null;
		}),

		/** The compilers of the line's other servers, on the same CPU. */
		NEIGHBOURS_COMPILER((slice) -> Disturbance.ran(slice.disturbance().neighboursCompilerMillis())),

		/** The load generator's collector pauses. */
		LOAD_GENERATOR_PAUSE((slice) -> Disturbance.ran(slice.disturbance().loadGcMillis())),

		/** The measured server's collector pauses. */
		SERVER_PAUSE((slice) -> Disturbance.ran(slice.disturbance().serverGcMillis()));

		private final Function<CheckLoad.Slice, Boolean> ran;

		Cause(Function<CheckLoad.Slice, Boolean> ran) {
			this.ran = ran;
		}

	}

}
