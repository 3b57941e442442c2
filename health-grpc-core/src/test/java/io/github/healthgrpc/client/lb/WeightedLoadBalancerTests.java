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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.client.lb.FakeHelper.FakeSubchannel;
import io.github.healthgrpc.client.lb.WeightedLoadBalancerProvider.WeightedLoadBalancer;
import io.github.healthgrpc.client.lb.WeightedLoadBalancerProvider.WeightedPicker;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer.FixedResultPicker;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code weighted} policy with a fake helper: each backend's weight is its exact
 * share and its cap, in every run of picks as long as the weights add up to, among the
 * READY backends, from any number of threads.
 *
 * @author health-grpc authors
 */
class WeightedLoadBalancerTests {

	private final FakeHelper helper = new FakeHelper();

	private final WeightedLoadBalancer balancer = new WeightedLoadBalancer(this.helper);

	@AfterEach
	void shutdown() {
		this.balancer.shutdown();
	}

	@Test
	void weightsOneAndThreeSplitFourHundredCallsExactlyAndEveryFourOfThemOneToThree() {
		start(weights(1, 1, 2, 3));
		int[] picks = picks(400);
		assertThat(counts(picks, 2)).containsExactly(100, 300);
		assertEveryRunHolds(picks, 1, 3);
	}

	@Test
	void whenABackendTurnsNotReadyTheOthersKeepTheirRelativeCapsExactly() {
		start(weights(1, 1, 2, 2, 3, 3));
		assertEveryRunHolds(picks(600), 1, 2, 3);
		// what a NOT_SERVING answer under client-side health checking looks like here
		this.helper.subchannel(3).fail(Status.UNAVAILABLE.withDescription("NOT_SERVING"));
		int[] withoutThree = picks(300);
		assertThat(counts(withoutThree, 3)).containsExactly(100, 200, 0);
		assertEveryRunHolds(withoutThree, 1, 2);
		this.helper.subchannel(3).state(ConnectivityState.IDLE);
		this.helper.subchannel(3).state(ConnectivityState.READY);
		int[] back = picks(600);
		assertThat(counts(back, 3)).containsExactly(100, 200, 300);
		assertEveryRunHolds(back, 1, 2, 3);
	}

	@Test
	void whenABackendLeavesTheOthersKeepTheirRelativeCapsExactly() {
		start(weights(1, 1, 2, 2, 3, 3));
		this.balancer.acceptResolvedAddresses(FakeHelper.weighted(weights(1, 1, 3, 3)));
		int[] picks = picks(400);
		assertThat(counts(picks, 3)).containsExactly(100, 0, 300);
		assertThat(this.helper.subchannel(2).shutdown).isTrue();
	}

	@Test
	void aChangeOfABackendThatIsNotReadyLeavesTheSequenceWhereItIs() {
		start(weights(1, 1, 2, 3));
		this.balancer.acceptResolvedAddresses(FakeHelper.weighted(weights(1, 1, 2, 3, 3, 5)));
		SubchannelPicker picker = this.helper.picker;
		int[] before = picks(3);
		FakeSubchannel connecting = this.helper.subchannel(3);
		connecting.fail(Status.UNAVAILABLE);
		connecting.state(ConnectivityState.IDLE);
		assertThat(this.helper.picker).isSameAs(picker);
		// a resolution that changes nothing
		this.balancer.acceptResolvedAddresses(FakeHelper.weighted(weights(1, 1, 2, 3, 3, 5)));
		assertThat(this.helper.picker).isSameAs(picker);
		int[] after = picks(397);
		int[] all = new int[400];
		System.arraycopy(before, 0, all, 0, 3);
		System.arraycopy(after, 0, all, 3, 397);
		assertThat(counts(all, 3)).containsExactly(100, 300, 0);
	}

	@Test
	void aWeightOfZeroFromAnotherResolverWeighsTheDefault() {
		// the discovery resolver never sets 0; another resolver might
		start(weights(1, 0, 2, 3));
		assertThat(counts(picks(400), 2)).containsExactly(100, 300);
	}

	@Test
	void aChangeOfWeightsAloneTakesEffect() {
		start(weights(1, 1, 2, 1));
		this.balancer.acceptResolvedAddresses(FakeHelper.weighted(weights(1, 1, 2, 4)));
		assertThat(counts(picks(500), 2)).containsExactly(100, 400);
	}

	@Test
	void clientsStartTheSequenceAtRandomPoints() {
		List<SubchannelPicker> pickers = pickers(2);
		Set<Integer> first = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			first.add(port(new WeightedPicker(pickers, new int[] { 1, 3 }, WeightedLoadBalancerProvider.MAX_PRECOMPUTED)
				.pickSubchannel(FakeHelper.ARGS)));
		}
		// one in four starts with the light one: all 100 would not, one time in 10^12
		assertThat(first).containsExactlyInAnyOrder(1, 2);
	}

	@Test
	void weightsTooManyToPrecomputeArePickedInTheSameSequence() {
		WeightedPicker picker = new WeightedPicker(pickers(2), new int[] { 1, 3 }, 1);
		int[] picks = new int[8];
		for (int i = 0; i < picks.length; i++) {
			picks[i] = port(picker.pickSubchannel(FakeHelper.ARGS));
		}
		assertThat(picks).containsExactly(2, 1, 2, 2, 2, 1, 2, 2);
	}

	@ParameterizedTest
	@ValueSource(ints = { WeightedLoadBalancerProvider.MAX_PRECOMPUTED, 1 })
	void manyThreadsPickingAtOnceLoseNoPick(int maxPrecomputed) throws Exception {
		WeightedPicker picker = new WeightedPicker(pickers(2), new int[] { 1, 3 }, maxPrecomputed);
		int threads = 8;
		int picksEach = 50_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<int[]>> counted = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				counted.add(executor.submit(() -> {
					start.await();
					int[] counts = new int[2];
					for (int pick = 0; pick < picksEach; pick++) {
						counts[port(picker.pickSubchannel(FakeHelper.ARGS)) - 1]++;
					}
					return counts;
				}));
			}
			start.countDown();
			int[] total = new int[2];
			for (Future<int[]> counts : counted) {
				int[] each = counts.get(30, TimeUnit.SECONDS);
				total[0] += each[0];
				total[1] += each[1];
			}
			System.out.printf("weighted 1:3, %d threads picking %,d times each: %,d and %,d%n", threads, picksEach,
					total[0], total[1]);
			assertThat(total).containsExactly(threads * picksEach / 4, threads * picksEach * 3 / 4);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void start(Map<Integer, Integer> weights) {
		this.balancer.acceptResolvedAddresses(FakeHelper.weighted(weights));
		weights.keySet().forEach((port) -> this.helper.subchannel(port).state(ConnectivityState.READY));
		assertThat(this.helper.state).isEqualTo(ConnectivityState.READY);
	}

	private int[] picks(int count) {
		int[] picks = new int[count];
		for (int i = 0; i < count; i++) {
			picks[i] = this.helper.pick();
		}
		return picks;
	}

	// ports 1 to backends
	private static int[] counts(int[] picks, int backends) {
		int[] counts = new int[backends];
		for (int port : picks) {
			counts[port - 1]++;
		}
		return counts;
	}

	// every run of as many picks as the weights add up to holds port i exactly weights[i
	// - 1]
	private static void assertEveryRunHolds(int[] picks, int... weights) {
		int period = java.util.Arrays.stream(weights).sum();
		for (int start = 0; start + period <= picks.length; start++) {
			int[] run = java.util.Arrays.copyOfRange(picks, start, start + period);
			assertThat(counts(run, weights.length)).as("picks %d to %d", start, start + period)
				.containsExactly(weights);
		}
	}

	private static Map<Integer, Integer> weights(int... portsAndWeights) {
		Map<Integer, Integer> weights = new LinkedHashMap<>();
		for (int i = 0; i < portsAndWeights.length; i += 2) {
			weights.put(portsAndWeights[i], portsAndWeights[i + 1]);
		}
		return weights;
	}

	// pickers of ports 1 to count
	private static List<SubchannelPicker> pickers(int count) {
		List<SubchannelPicker> pickers = new ArrayList<>();
		for (int port = 1; port <= count; port++) {
			pickers.add(new FixedResultPicker(
					PickResult.withSubchannel(new FakeSubchannel(FakeHelper.addresses(port).getAddresses()))));
		}
		return pickers;
	}

	private static int port(PickResult result) {
		return ((FakeSubchannel) result.getSubchannel()).port();
	}

}
