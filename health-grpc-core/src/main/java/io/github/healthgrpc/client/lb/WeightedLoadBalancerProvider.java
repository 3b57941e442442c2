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

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;

/**
 * The {@code weighted} policy: each call goes to a READY backend chosen at random in
 * proportion to its static weight, the {@link #WEIGHT} attribute of its address
 * (health-grpc's {@code discovery:///} resolver sets it from the instance's metadata, by
 * default {@code gRPC_weight}). An address without a weight weighs 1. When a backend is
 * not READY (not connected, or not SERVING under client-side health checking) the others
 * share its calls in proportion to their own weights. Health checked when the channel's
 * service config has a {@code healthCheckConfig}.
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
	 * Remembers each child's weight from its address.
	 */
	static final class WeightedLoadBalancer extends ReadyChildrenLoadBalancer {

		// child key to weight, rebuilt on each resolution (synchronization context only)
		private Map<Object, Integer> weights = Map.of();

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
			return new WeightedPicker(pickers, childWeights);
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
	 * Picks by weight: cumulative weights, a random point, a binary search. Immutable.
	 */
	static final class WeightedPicker extends SubchannelPicker {

		private final List<SubchannelPicker> pickers;

		private final long[] cumulative;

		WeightedPicker(List<SubchannelPicker> pickers, int[] weights) {
			this.pickers = List.copyOf(pickers);
			this.cumulative = new long[weights.length];
			long sum = 0;
			for (int i = 0; i < weights.length; i++) {
				sum += weights[i];
				this.cumulative[i] = sum;
			}
		}

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			long point = ThreadLocalRandom.current().nextLong(this.cumulative[this.cumulative.length - 1]);
			int found = Arrays.binarySearch(this.cumulative, point + 1);
			int index = (found >= 0) ? found : -found - 1;
			return this.pickers.get(index).pickSubchannel(args);
		}

		@Override
		public String toString() {
			return "weighted" + Arrays.toString(this.cumulative);
		}

	}

}
