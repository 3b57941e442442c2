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
 * A target of issue 17 and the rule that judges a figure against it: met only when the
 * whole interval is on the right side of the threshold, missed when the whole interval is
 * on the wrong side, within noise when the interval holds the threshold. Fewer than
 * {@value #MIN_ROUNDS} rounds decide nothing: issue 17's method asks for at least 7
 * alternating rounds, and with fewer the bootstrap interval is merely the lowest to the
 * highest round (a {@code --quick} trial's 3 rounds judge nothing).
 *
 * @param comparison how a figure must compare with the threshold
 * @param threshold the threshold
 * @param text the threshold as the issue writes it ("1.10", "1.5 KB")
 * @author health-grpc authors
 */
record Goal(Comparison comparison, double threshold, String text) {

	static final int MIN_ROUNDS = 7;

	static Goal atLeast(double threshold, String text) {
		return new Goal(Comparison.AT_LEAST, threshold, text);
	}

	static Goal atMost(double threshold, String text) {
		return new Goal(Comparison.AT_MOST, threshold, text);
	}

	static Goal below(double threshold, String text) {
		return new Goal(Comparison.BELOW, threshold, text);
	}

	Verdict judge(Interval interval) {
		if (interval.isEmpty() || Double.isNaN(interval.low()) || Double.isNaN(interval.high())) {
			return Verdict.NO_DATA;
		}
		if (interval.rounds() < MIN_ROUNDS) {
			return Verdict.NOT_DECIDED;
		}
		boolean lowMeets = meets(interval.low());
		boolean highMeets = meets(interval.high());
		if (lowMeets && highMeets) {
			return Verdict.MET;
		}
		if (!lowMeets && !highMeets) {
			return Verdict.MISSED;
		}
		return Verdict.WITHIN_NOISE;
	}

	private boolean meets(double value) {
		return switch (this.comparison) {
			case AT_LEAST -> value >= this.threshold;
			case AT_MOST -> value <= this.threshold;
			case BELOW -> value < this.threshold;
		};
	}

	/** "&gt;= 0.95", "&lt;= 1.5 KB". */
	String format() {
		return this.comparison.symbol + " " + this.text;
	}

	/**
	 * How a figure must compare with the threshold.
	 */
	enum Comparison {

		/** At or above. */
		AT_LEAST(">="),

		/** At or below. */
		AT_MOST("<="),

		/** Strictly below. */
		BELOW("<");

		private final String symbol;

		Comparison(String symbol) {
			this.symbol = symbol;
		}

	}

	/**
	 * What the rule says of a figure.
	 */
	enum Verdict {

		/** The whole interval meets the target. */
		MET("met"),

		/** No part of the interval meets the target. */
		MISSED("**missed**"),

		/** The interval holds the threshold: the rounds cannot decide. */
		WITHIN_NOISE("within noise"),

		/** Too few rounds for an interval. */
		NOT_DECIDED("not decided (< " + MIN_ROUNDS + " rounds)"),

		/** Not measured. */
		NO_DATA("not measured");

		private final String text;

		Verdict(String text) {
			this.text = text;
		}

		String text() {
			return this.text;
		}

	}

}
