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

import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code random} with a fake helper: each backend as often, and each pick independent of
 * the one before, which round robin's turns are not.
 *
 * @author health-grpc authors
 */
class RandomLoadBalancerTests {

	private static final int PICKS = 30_000;

	private final FakeHelper helper = new FakeHelper();

	private final LoadBalancer balancer = new RandomLoadBalancerProvider.RandomLoadBalancer(this.helper);

	@AfterEach
	void shutdown() {
		this.balancer.shutdown();
	}

	@Test
	void eachBackendIsPickedAsOftenAndEachPickIsIndependentOfTheLast() {
		this.balancer.acceptResolvedAddresses(FakeHelper.addresses(1, 2, 3));
		for (int port = 1; port <= 3; port++) {
			this.helper.subchannel(port).state(ConnectivityState.READY);
		}
		int[] counts = new int[3];
		// follows[a][b]: how often b came right after a
		int[][] follows = new int[3][3];
		int last = this.helper.pick() - 1;
		for (int i = 0; i < PICKS; i++) {
			int port = this.helper.pick() - 1;
			counts[port]++;
			follows[last][port]++;
			last = port;
		}
		System.out.printf("random over 3 backends, %,d picks: %s, the same twice in a row %.3f of the time%n", PICKS,
				java.util.Arrays.toString(counts), (follows[0][0] + follows[1][1] + follows[2][2]) / (double) PICKS);
		for (int a = 0; a < 3; a++) {
			assertThat(counts[a] / (double) PICKS).isCloseTo(1 / 3.0, within(0.02));
			for (int b = 0; b < 3; b++) {
				// a third of what follows each backend is each backend, itself included
				assertThat(follows[a][b] / (double) counts[a]).as("%d after %d", b + 1, a + 1)
					.isCloseTo(1 / 3.0, within(0.04));
			}
		}
	}

}
