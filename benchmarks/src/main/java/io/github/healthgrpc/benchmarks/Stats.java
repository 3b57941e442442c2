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

import java.util.Collection;
import java.util.Locale;

/**
 * Medians and spreads of repeated measurements.
 *
 * @author health-grpc authors
 */
final class Stats {

	private Stats() {
	}

	static double median(Collection<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double min(Collection<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	static double max(Collection<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	/** A number with as many digits as a reader needs: 23,456 / 123 / 4.56 / 0.061. */
	static String format(double value) {
		double magnitude = Math.abs(value);
		if (Double.isNaN(value)) {
			return "–";
		}
		if (value == 0) {
			return "0";
		}
		if (magnitude >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (magnitude >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

	/** Median with the spread of the rounds: "1,234 (1,100–1,300)". */
	static String spread(Collection<Double> values) {
		return format(median(values)) + " (" + format(min(values)) + "–" + format(max(values)) + ")";
	}

	static String ratio(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
