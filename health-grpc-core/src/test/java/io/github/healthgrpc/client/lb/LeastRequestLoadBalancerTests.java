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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.client.lb.FakeHelper.FakeSubchannel;
import io.github.healthgrpc.client.lb.LeastRequestLoadBalancerProvider.LeastRequestLoadBalancer;
import io.github.healthgrpc.client.lb.LeastRequestLoadBalancerProvider.LeastRequestPicker;
import io.grpc.ClientStreamTracer;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer.FixedResultPicker;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.ResolvedAddresses;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code least_request} and {@code least_request_all} with a fake helper and fixed counts
 * of calls under way: power of two choices picks as often as its probabilities say (not
 * always the least loaded, not at random), {@code choiceCount} changes them, and ties are
 * shared evenly.
 *
 * @author health-grpc authors
 */
class LeastRequestLoadBalancerTests {

	private static final int PICKS = 90_000;

	private final FakeHelper helper = new FakeHelper();

	private LeastRequestLoadBalancer balancer;

	@AfterEach
	void shutdown() {
		if (this.balancer != null) {
			this.balancer.shutdown();
		}
	}

	@Test
	void twoChoicesPickEachBackendAsOftenAsItIsTheLesserOfARandomPair() {
		// ten backends with 0 to 9 calls under way: the one of rank k (0 the least) is
		// picked when it is drawn with one of the 9 - k busier ones, 2 (9 - k) / 90
		double[] shares = shares(start(2, null, 10));
		System.out.printf("least_request, choiceCount 2, backends with 0 to 9 calls under way: %s%n",
				java.util.Arrays.toString(shares));
		for (int rank = 0; rank < 10; rank++) {
			assertThat(shares[rank]).as("rank %d", rank).isCloseTo(2.0 * (9 - rank) / 90, within(0.01));
		}
	}

	@Test
	void threeChoicesPickTheLessLoadedMoreOften() {
		// rank k is picked when the two others drawn are both busier: C(9 - k, 2) / C(10,
		// 3)
		double[] shares = shares(start(2, Map.of("choiceCount", 3.0), 10));
		for (int rank = 0; rank < 10; rank++) {
			double expected = (9 - rank) * (8 - rank) / 2.0 / 120;
			assertThat(shares[rank]).as("rank %d", rank).isCloseTo(expected, within(0.01));
		}
	}

	@Test
	void aChoiceCountAboveTenComparesTen() {
		// of twelve backends, the least loaded is picked when it is among the ten drawn:
		// C(11, 9) / C(12, 10), 0.833, where comparing all would give it every call
		double[] shares = shares(start(2, Map.of("choiceCount", 25.0), 12));
		assertThat(shares[0]).isCloseTo(55.0 / 66, within(0.01));
		assertThat(shares[10] + shares[11]).isZero();
	}

	@Test
	void leastRequestAllAlwaysPicksTheLeastLoaded() {
		double[] shares = shares(start(Integer.MAX_VALUE, null, 10));
		assertThat(shares[0]).isEqualTo(1.0);
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, Integer.MAX_VALUE })
	void tiesGoToEachOfTheLeastLoadedAsOften(int choiceCount) {
		// least_request_all compares all three; least_request a random pair, where a tie
		// goes to the one drawn first
		List<AtomicInteger> active = start(choiceCount, null, 3);
		active.get(0).set(1);
		active.get(1).set(1);
		active.get(2).set(5);
		double[] shares = shares(active);
		System.out.printf("choiceCount %d, 1, 1 and 5 calls under way: %s%n", choiceCount,
				java.util.Arrays.toString(shares));
		assertThat(shares[0]).isCloseTo(0.5, within(0.02));
		assertThat(shares[1]).isCloseTo(0.5, within(0.02));
		assertThat(shares[2]).isZero();
	}

	@Test
	void threeWayTiesGoToEachOfTheThreeAsOften() {
		// reservoir sampling: the second of the tied keeps its place one time in two, the
		// third one time in three
		List<AtomicInteger> active = start(Integer.MAX_VALUE, null, 4);
		active.get(0).set(1);
		active.get(1).set(1);
		active.get(2).set(1);
		active.get(3).set(5);
		double[] shares = shares(active);
		for (int port = 0; port < 3; port++) {
			assertThat(shares[port]).as("port %d", port + 1).isCloseTo(1.0 / 3, within(0.02));
		}
		assertThat(shares[3]).isZero();
	}

	@Test
	void aPickWithoutABackendIsPassedOnAsItIs() {
		PickResult failed = PickResult.withError(io.grpc.Status.UNAVAILABLE.withDescription("down"));
		AtomicInteger active = new AtomicInteger(3);
		LeastRequestPicker picker = new LeastRequestPicker(List.of(new FixedResultPicker(failed)), List.of(active), 2);
		assertThat(picker.pickSubchannel(FakeHelper.ARGS)).isSameAs(failed);
		// what the channel's logs show of the picker: the calls under way per backend
		assertThat(picker).hasToString("least_request[3]");
	}

	@Test
	void aPickKeepsWhatElseTheChildsPickCarries() {
		FakeSubchannel subchannel = new FakeSubchannel(FakeHelper.addresses(1).getAddresses());
		AtomicInteger heard = new AtomicInteger();
		ClientStreamTracer.Factory inner = new ClientStreamTracer.Factory() {

			@Override
			public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
				heard.incrementAndGet();
				return new ClientStreamTracer() {
				};
			}

		};
		SubchannelPicker child = new FixedResultPicker(PickResult.withSubchannel(subchannel, inner, "other.example"));
		AtomicInteger active = new AtomicInteger();
		LeastRequestPicker picker = new LeastRequestPicker(List.of(child), List.of(active), 2);
		PickResult result = picker.pickSubchannel(FakeHelper.ARGS);
		assertThat(result.getSubchannel()).isSameAs(subchannel);
		assertThat(result.getAuthorityOverride()).isEqualTo("other.example");
		ClientStreamTracer tracer = result.getStreamTracerFactory()
			.newClientStreamTracer(ClientStreamTracer.StreamInfo.newBuilder().build(), new Metadata());
		tracer.streamCreated(io.grpc.Attributes.EMPTY, new Metadata());
		assertThat(active).hasValue(1);
		assertThat(heard).hasValue(1);
	}

	@Test
	void picksOfTheSameChildAllocateNoNewResult() {
		start(2, null, 2);
		PickResult first = this.helper.picker.pickSubchannel(FakeHelper.ARGS);
		for (int i = 0; i < 100; i++) {
			PickResult again = this.helper.picker.pickSubchannel(FakeHelper.ARGS);
			if (again.getSubchannel() == first.getSubchannel()) {
				assertThat(again).isSameAs(first);
			}
		}
	}

	// backends on ports 1 to count, all READY, each with count - port calls under way
	// when the test sets none itself: port 1 is the least loaded
	private List<AtomicInteger> start(int defaultChoiceCount, Map<String, ?> config, int count) {
		this.balancer = new LeastRequestLoadBalancer(this.helper, defaultChoiceCount);
		int[] ports = java.util.stream.IntStream.rangeClosed(1, count).toArray();
		ResolvedAddresses addresses = FakeHelper.addresses(ports);
		if (config != null) {
			addresses = addresses.toBuilder()
				.setLoadBalancingPolicyConfig(
						new LeastRequestLoadBalancerProvider().parseLoadBalancingPolicyConfig(config).getConfig())
				.build();
		}
		this.balancer.acceptResolvedAddresses(addresses);
		for (int port : ports) {
			this.helper.subchannel(port).state(ConnectivityState.READY);
		}
		List<AtomicInteger> active = new ArrayList<>();
		this.balancer.getChildLbStates().forEach((child) -> {
			AtomicInteger counter = ((LeastRequestLoadBalancer.CountingChild) child).active;
			active.add(counter);
		});
		for (int i = 0; i < active.size(); i++) {
			active.get(i).set(i);
		}
		return active;
	}

	// the share of picks of each port, in port order
	private double[] shares(List<AtomicInteger> active) {
		int[] counts = new int[active.size()];
		for (int i = 0; i < PICKS; i++) {
			counts[this.helper.pick() - 1]++;
		}
		return java.util.Arrays.stream(counts).mapToDouble((count) -> count / (double) PICKS).toArray();
	}

}
