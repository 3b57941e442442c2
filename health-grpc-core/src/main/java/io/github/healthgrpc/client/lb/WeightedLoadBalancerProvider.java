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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;

/**
 * The {@code weighted} policy: each backend's static weight, the {@link #WEIGHT}
 * attribute of its address (health-grpc's {@code discovery:///} resolver sets it from the
 * instance's metadata, by default {@code gRPC_weight}), is its share of the calls and a
 * cap on it. Calls go to the READY backends in nginx's smooth weighted round robin: with
 * weights 1 and 3, every run of 4 calls sends exactly 1 to the first and 3 to the second,
 * spread out ({@code heavy, light, heavy, heavy}). An address without a weight weighs 1.
 * When a backend is not READY (not connected, or not SERVING under client-side health
 * checking), the others share its calls in proportion to their own weights, exactly as
 * well. Health checked when the channel's service config has a {@code healthCheckConfig}.
 *
 * <p>
 * Select it with {@code grpc.client.<name>.default-load-balancing-policy=weighted}.
 * grpc-java's {@code weighted_round_robin} (grpc-xds) takes weights from backend load
 * reports (ORCA) instead.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class WeightedLoadBalancerProvider extends HealthCheckedPolicyProvider {

	/**
	 * The policy's name.
	 */
	public static final String POLICY_NAME = "weighted";

	/**
	 * Create the provider, as grpc-java's registry does.
	 */
	public WeightedLoadBalancerProvider() {
		super(POLICY_NAME, WeightedLoadBalancer::new);
	}

	/**
	 * An address's weight, a positive whole number.
	 */
	public static final Attributes.Key<Integer> WEIGHT = Attributes.Key.create("io.github.healthgrpc.weight");

	/**
	 * The weight of an address that has none.
	 */
	public static final int DEFAULT_WEIGHT = 1;

	/**
	 * The longest sequence a picker precomputes (64 KB of indexes); weights that add up
	 * to more, after dividing them by their greatest common divisor, are picked under a
	 * short lock instead.
	 */
	static final int MAX_PRECOMPUTED = 16_384;

	/**
	 * Remembers each child's weight from its address.
	 */
	static final class WeightedLoadBalancer extends ReadyChildrenLoadBalancer {

		// child key to weight, rebuilt on each resolution (synchronization context only)
		private Map<Object, Integer> weights = Map.of();

		// the last picker built (synchronization context only)
		private WeightedPicker last;

		WeightedLoadBalancer(Helper helper) {
			super(helper);
		}

		@Override
		protected Map<Object, ResolvedAddresses> createChildAddressesMap(ResolvedAddresses resolvedAddresses) {
			Map<Object, ResolvedAddresses> children = super.createChildAddressesMap(resolvedAddresses);
			Map<Object, Integer> read = new HashMap<>();
			children.forEach((key, addresses) -> read.put(key, weightOf(addresses.getAddresses())));
			this.weights = read;
			return children;
		}

		@Override
		protected SubchannelPicker readyPicker(List<ChildLbState> ready) {
			List<SubchannelPicker> pickers = ready.stream().map(ChildLbState::getCurrentPicker).toList();
			int[] childWeights = ready.stream()
				.mapToInt((child) -> this.weights.getOrDefault(child.getKey(), DEFAULT_WEIGHT))
				.toArray();
			// the same backends and weights keep their sequence where it is: a change
			// elsewhere (a backend that is not READY reconnecting) restarts no one's
			// share
			if (this.last == null || !this.last.picksFrom(pickers, childWeights)) {
				this.last = new WeightedPicker(pickers, childWeights, MAX_PRECOMPUTED);
			}
			return this.last;
		}

		private static int weightOf(List<EquivalentAddressGroup> addresses) {
			for (EquivalentAddressGroup group : addresses) {
				Integer weight = group.getAttributes().get(WEIGHT);
				if (weight != null && weight > 0) {
					return weight;
				}
			}
			return DEFAULT_WEIGHT;
		}

	}

	/**
	 * Picks in smooth weighted round robin order. One period of the order is computed up
	 * front, and each pick takes a ticket from an atomic counter, so that the many
	 * threads that pick at once neither lock nor lose a pick, and the calls of any period
	 * are split exactly. The first ticket is random, so that clients that start together
	 * do not send their first calls to the same backend. Weights with a period longer
	 * than the limit are picked one at a time under a lock.
	 */
	static final class WeightedPicker extends SubchannelPicker {

		private final List<SubchannelPicker> pickers;

		private final int[] weights;

		// one period of indexes into pickers, or null to pick under the lock
		private final int[] period;

		private final AtomicLong tickets;

		// guarded by itself; used only when period is null
		private final SmoothWeightedRoundRobin sequence;

		WeightedPicker(List<SubchannelPicker> pickers, int[] weights, int maxPrecomputed) {
			this.pickers = List.copyOf(pickers);
			this.weights = weights.clone();
			this.period = SmoothWeightedRoundRobin.period(this.weights, maxPrecomputed);
			this.tickets = new AtomicLong(
					(this.period != null) ? ThreadLocalRandom.current().nextInt(this.period.length) : 0);
			this.sequence = (this.period != null) ? null : new SmoothWeightedRoundRobin(this.weights);
		}

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			return this.pickers.get(next()).pickSubchannel(args);
		}

		private int next() {
			if (this.period != null) {
				return this.period[(int) (this.tickets.getAndIncrement() % this.period.length)];
			}
			synchronized (this.sequence) {
				return this.sequence.next();
			}
		}

		boolean picksFrom(List<SubchannelPicker> pickers, int[] weights) {
			return this.pickers.equals(pickers) && Arrays.equals(this.weights, weights);
		}

		@Override
		public String toString() {
			return "weighted" + Arrays.toString(this.weights);
		}

	}

}
