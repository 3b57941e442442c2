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

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.healthgrpc.client.lb.FakeHelper.FakeSubchannel;
import io.grpc.Attributes;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every health-grpc policy shares ({@link ReadyChildrenLoadBalancer}), with a fake
 * helper: the state it reports from its backends' states, name resolution errors, address
 * updates, reconnection and shutdown.
 *
 * @author health-grpc authors
 */
class ReadyChildrenPoliciesTests {

	private final FakeHelper helper = new FakeHelper();

	private LoadBalancer balancer;

	static Stream<Arguments> policies() {
		return Stream.of(policy("random", RandomLoadBalancerProvider.RandomLoadBalancer::new),
				policy("least_request",
						(helper) -> new LeastRequestLoadBalancerProvider.LeastRequestLoadBalancer(helper, 2)),
				policy("least_request_all",
						(helper) -> new LeastRequestLoadBalancerProvider.LeastRequestLoadBalancer(helper,
								Integer.MAX_VALUE)),
				policy("weighted", WeightedLoadBalancerProvider.WeightedLoadBalancer::new));
	}

	private static Arguments policy(String name, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		return Arguments.of(name, policy);
	}

	@AfterEach
	void shutdown() {
		if (this.balancer != null) {
			this.balancer.shutdown();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void untilABackendIsReadyCallsWait(String name, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		assertThat(this.helper.state).isEqualTo(ConnectivityState.CONNECTING);
		assertThat(pick().hasResult()).isFalse();
		assertThat(this.helper.subchannels).allMatch((subchannel) -> subchannel.connectionRequests == 1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void callsGoToTheReadyBackendsOnly(String name, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2, 3);
		this.helper.subchannel(2).state(ConnectivityState.READY);
		this.helper.subchannel(3).fail(Status.UNAVAILABLE);
		assertThat(this.helper.state).isEqualTo(ConnectivityState.READY);
		assertThat(picks(100)).containsOnly(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void whileABackendStillConnectsFailedOnesDoNotFailCalls(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.helper.subchannel(1).fail(Status.UNAVAILABLE.withDescription("refused"));
		assertThat(this.helper.state).isEqualTo(ConnectivityState.CONNECTING);
		assertThat(pick().hasResult()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void whenEveryBackendFailedCallsFailWithTheirErrors(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.helper.subchannel(1).fail(Status.UNAVAILABLE.withDescription("one refused"));
		this.helper.subchannel(2).fail(Status.UNAVAILABLE.withDescription("two: health NOT_SERVING"));
		assertThat(this.helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
		Set<String> reasons = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			PickResult result = pick();
			assertThat(result.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			reasons.add(result.getStatus().getDescription());
		}
		assertThat(reasons).containsExactlyInAnyOrder("one refused", "two: health NOT_SERVING");
		// a backend that recovers takes calls again
		this.helper.subchannel(2).state(ConnectivityState.IDLE);
		this.helper.subchannel(2).state(ConnectivityState.READY);
		assertThat(this.helper.state).isEqualTo(ConnectivityState.READY);
		assertThat(picks(50)).containsOnly(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void aNameResolutionErrorFailsCallsUntilABackendIsReady(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.balancer.handleNameResolutionError(Status.UNAVAILABLE.withDescription("no Consul agent"));
		assertThat(this.helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
		assertThat(pick().getStatus().getDescription()).isEqualTo("no Consul agent");
		this.helper.subchannel(1).state(ConnectivityState.READY);
		assertThat(this.helper.state).isEqualTo(ConnectivityState.READY);
		assertThat(picks(20)).containsOnly(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void aNameResolutionErrorLeavesReadyBackendsInCharge(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.helper.subchannel(1).state(ConnectivityState.READY);
		int updates = this.helper.updates;
		this.balancer.handleNameResolutionError(Status.UNAVAILABLE.withDescription("no Consul agent"));
		assertThat(this.helper.updates).isEqualTo(updates);
		assertThat(picks(20)).containsOnly(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void afterANameResolutionErrorConnectingIsReportedAgain(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.balancer.handleNameResolutionError(Status.UNAVAILABLE.withDescription("no Consul agent"));
		// the agent answers again, with the same backends, still connecting
		this.balancer.acceptResolvedAddresses(FakeHelper.addresses(1, 2));
		assertThat(this.helper.state).isEqualTo(ConnectivityState.CONNECTING);
		assertThat(pick().hasResult()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void noAddressAtAllFailsCalls(String name, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		this.balancer = policy.apply(this.helper);
		Status status = this.balancer.acceptResolvedAddresses(FakeHelper.addresses());
		assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(this.helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
		assertThat(pick().getStatus().getDescription()).contains("NameResolver returned no usable address");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void anAddressUpdateAddsAndRemovesBackends(String name, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.helper.subchannel(1).state(ConnectivityState.READY);
		this.helper.subchannel(2).state(ConnectivityState.READY);
		FakeSubchannel one = this.helper.subchannel(1);
		this.balancer.acceptResolvedAddresses(FakeHelper.addresses(2, 3));
		assertThat(one.shutdown).isTrue();
		assertThat(picks(50)).containsOnly(2);
		this.helper.subchannel(3).state(ConnectivityState.READY);
		assertThat(picks(200)).containsOnly(2, 3).contains(2, 3);
		assertThat(this.helper.subchannels).hasSize(3);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void aBackendGetsItsAddressesAgainOnlyWhenTheyChanged(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		FakeSubchannel one = this.helper.subchannel(1);
		one.state(ConnectivityState.READY);
		// a resolver answering again with the same instances
		for (int i = 0; i < 3; i++) {
			assertThat(this.balancer.acceptResolvedAddresses(FakeHelper.addresses(1, 2)).isOk()).isTrue();
		}
		assertThat(this.helper.subchannels).allMatch((subchannel) -> subchannel.addressUpdates == 0);
		// the same address with other attributes is a change
		Attributes.Key<String> zone = Attributes.Key.create("zone");
		this.balancer.acceptResolvedAddresses(FakeHelper.addresses(
				(port) -> (port == 1) ? Attributes.newBuilder().set(zone, "b").build() : Attributes.EMPTY, 1, 2));
		assertThat(one.addressUpdates).isOne();
		assertThat(one.getAllAddresses().get(0).getAttributes().get(zone)).isEqualTo("b");
		assertThat(this.helper.subchannel(2).addressUpdates).isZero();
		assertThat(this.helper.subchannels).hasSize(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void aBackendWhoseConnectionGoesIdleIsConnectedAgain(String name,
			Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		FakeSubchannel one = this.helper.subchannel(1);
		one.state(ConnectivityState.READY);
		// the first connection only: READY asks for none
		assertThat(one.connectionRequests).isEqualTo(1);
		one.state(ConnectivityState.IDLE);
		assertThat(one.connectionRequests).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void shutdownShutsEveryBackendsSubchannel(String name, Function<LoadBalancer.Helper, LoadBalancer> policy) {
		start(policy, 1, 2);
		this.helper.subchannel(1).state(ConnectivityState.READY);
		this.balancer.shutdown();
		assertThat(this.helper.subchannels).allMatch((subchannel) -> subchannel.shutdown);
		this.balancer = null;
	}

	private void start(Function<LoadBalancer.Helper, LoadBalancer> policy, int... ports) {
		this.balancer = policy.apply(this.helper);
		assertThat(this.balancer.acceptResolvedAddresses(FakeHelper.addresses(ports)).isOk()).isTrue();
	}

	private PickResult pick() {
		return this.helper.picker.pickSubchannel(FakeHelper.ARGS);
	}

	private Set<Integer> picks(int count) {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < count; i++) {
			ports.add(this.helper.pick());
		}
		return ports;
	}

}
