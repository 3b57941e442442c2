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

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Medians of repeated measurements, their intervals, and numbers as a reader wants them.
 * <p>
 * The interval of a figure is a percentile bootstrap of the median over the rounds: the
 * rounds are resampled with replacement {@value #RESAMPLES} times, the median taken of
 * each resample, and the 2.5th and 97.5th percentiles of those medians are the interval's
 * ends. The seed is fixed, so the same rounds always give the same interval. With 3 to 5
 * rounds the interval is the lowest to the highest round; with 7 to 9 rounds it is the
 * second-lowest to the second-highest; it narrows as rounds are added.
 *
 * @author health-grpc authors
 */
final class Stats {

	static final int RESAMPLES = 10_000;

	private static final long SEED = 17;

	private Stats() {
	}

	static double median(Collection<Double> values) {
		return median(values.stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double min(Collection<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	static double max(Collection<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	/**
	 * The standard deviation of the logarithms of some ratios: their spread as a share,
	 * the same for a ratio and its inverse.
	 * @param ratios the ratios, each above 0
	 * @return the sample standard deviation; NaN for fewer than two
	 */
	static double sdOfLogs(Collection<Double> ratios) {
		double[] logs = ratios.stream().mapToDouble(Math::log).toArray();
		if (logs.length < 2) {
			return Double.NaN;
		}
		double mean = Arrays.stream(logs).average().orElseThrow();
		double squares = Arrays.stream(logs).map((log) -> (log - mean) * (log - mean)).sum();
		return Math.sqrt(squares / (logs.length - 1));
	}

	/**
	 * Spearman's rank correlation of paired values: 1 when the second rises whenever the
	 * first does, -1 when it falls, near 0 when the order of one says nothing of the
	 * other's. Tied values share their mean rank.
	 * @param first the first of each pair
	 * @param second the second, in the same order
	 * @return the correlation; NaN for fewer than three pairs or when either side is all
	 * one value
	 */
	static double rankCorrelation(List<Double> first, List<Double> second) {
		if (first.size() != second.size()) {
			throw new IllegalArgumentException(first.size() + " values paired with " + second.size());
		}
		if (first.size() < 3) {
			return Double.NaN;
		}
		double[] x = ranks(first);
		double[] y = ranks(second);
		double meanX = Arrays.stream(x).average().orElseThrow();
		double meanY = Arrays.stream(y).average().orElseThrow();
		double products = 0;
		double squaresX = 0;
		double squaresY = 0;
		for (int i = 0; i < x.length; i++) {
			products += (x[i] - meanX) * (y[i] - meanY);
			squaresX += (x[i] - meanX) * (x[i] - meanX);
			squaresY += (y[i] - meanY) * (y[i] - meanY);
		}
		return (squaresX == 0 || squaresY == 0) ? Double.NaN : products / Math.sqrt(squaresX * squaresY);
	}

	private static double[] ranks(List<Double> values) {
		Integer[] order = new Integer[values.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble(values::get));
		double[] ranks = new double[order.length];
		for (int start = 0; start < order.length;) {
			int end = start;
			while (end + 1 < order.length && values.get(order[end + 1]).equals(values.get(order[start]))) {
				end++;
			}
			for (int i = start; i <= end; i++) {
				ranks[order[i]] = (start + end) / 2.0;
			}
			start = end + 1;
		}
		return ranks;
	}

	/**
	 * The median of the rounds and its 95% bootstrap interval.
	 * @param rounds one value per round
	 * @return the interval (empty without values)
	 */
	static Interval interval(Collection<Double> rounds) {
		double[] values = rounds.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
		if (values.length == 0) {
			return Interval.EMPTY;
		}
		SplittableRandom random = new SplittableRandom(SEED);
		double[] medians = new double[RESAMPLES];
		double[] resample = new double[values.length];
		for (int i = 0; i < RESAMPLES; i++) {
			for (int j = 0; j < values.length; j++) {
				resample[j] = values[random.nextInt(values.length)];
			}
			medians[i] = median(resample);
		}
		Arrays.sort(medians);
		double low = medians[(int) Math.floor(0.025 * RESAMPLES)];
		double high = medians[(int) Math.ceil(0.975 * RESAMPLES) - 1];
		return new Interval(low, median(values), high, values.length);
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

	static String ratio(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
	}

}
