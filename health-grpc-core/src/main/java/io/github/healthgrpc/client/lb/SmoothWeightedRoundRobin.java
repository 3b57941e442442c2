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

package io.github.healthgrpc.client.lb;

/**
 * The smooth weighted round robin that nginx uses: deterministic, and spread out, so that
 * every run of as many picks as the weights add up to (after dividing them by their
 * greatest common divisor) holds each index exactly its weight's times, and no index is
 * ever a whole pick ahead of its share. Weights 1 and 3 give {@code 1, 0, 1, 1} again and
 * again.
 *
 * <p>
 * Each pick adds every weight to its index's current value, takes the index with the
 * highest value (the lowest index on a tie), and takes the sum of the weights off it.
 *
 * <p>
 * Not thread-safe: {@link WeightedLoadBalancerProvider.WeightedPicker} precomputes one
 * period of it with {@link #period}, or guards it with a lock.
 *
 * @author health-grpc authors
 */
final class SmoothWeightedRoundRobin {

	private final long[] weights;

	private final long[] current;

	private final long total;

	/**
	 * Start the sequence.
	 * @param weights positive weights, one per index
	 */
	SmoothWeightedRoundRobin(int[] weights) {
		long divisor = 0;
		for (int weight : weights) {
			if (weight <= 0) {
				throw new IllegalArgumentException("Weights must be positive: " + weight);
			}
			divisor = gcd(divisor, weight);
		}
		this.weights = new long[weights.length];
		long sum = 0;
		for (int i = 0; i < weights.length; i++) {
			this.weights[i] = weights[i] / divisor;
			sum += this.weights[i];
		}
		this.current = new long[weights.length];
		this.total = sum;
	}

	/**
	 * Return the length of one period: the sum of the weights divided by their greatest
	 * common divisor.
	 * @return the length
	 */
	long periodLength() {
		return this.total;
	}

	/**
	 * Return the next index.
	 * @return the index
	 */
	int next() {
		int best = 0;
		for (int i = 0; i < this.weights.length; i++) {
			this.current[i] += this.weights[i];
			if (this.current[i] > this.current[best]) {
				best = i;
			}
		}
		this.current[best] -= this.total;
		return best;
	}

	/**
	 * Return one period of the sequence of the given weights: after it, the sequence
	 * starts again from where it started.
	 * @param weights positive weights, one per index
	 * @param maxLength the longest period worth computing
	 * @return the period, or {@code null} when it would be longer than {@code maxLength}
	 */
	static int[] period(int[] weights, int maxLength) {
		SmoothWeightedRoundRobin sequence = new SmoothWeightedRoundRobin(weights);
		if (sequence.total > maxLength) {
			return null;
		}
		int[] period = new int[(int) sequence.total];
		for (int i = 0; i < period.length; i++) {
			period[i] = sequence.next();
		}
		return period;
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

}
