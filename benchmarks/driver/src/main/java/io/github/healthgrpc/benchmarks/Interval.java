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

import java.util.function.DoubleFunction;

/**
 * The median of a figure over the rounds and its 95% bootstrap interval
 * ({@link Stats#interval}).
 *
 * @param low the interval's lower end
 * @param median the median of the rounds
 * @param high the interval's upper end
 * @param rounds how many rounds it rests on
 * @author health-grpc authors
 */
record Interval(double low, double median, double high, int rounds) {

	static final Interval EMPTY = new Interval(Double.NaN, Double.NaN, Double.NaN, 0);

	boolean isEmpty() {
		return this.rounds == 0;
	}

	/**
	 * The same interval in another unit.
	 * @param factor what to multiply by
	 * @return the scaled interval
	 */
	Interval times(double factor) {
		return new Interval(this.low * factor, this.median * factor, this.high * factor, this.rounds);
	}

	/** "16,714 [15,142–17,249]". */
	String format() {
		return format(Stats::format);
	}

	/** "1.07 [0.98–1.12]". */
	String formatRatio() {
		return format(Stats::ratio);
	}

	private String format(DoubleFunction<String> number) {
		if (isEmpty()) {
			return "–";
		}
		if (this.rounds == 1) {
			return number.apply(this.median);
		}
		return number.apply(this.median) + " [" + number.apply(this.low) + "–" + number.apply(this.high) + "]";
	}

}
