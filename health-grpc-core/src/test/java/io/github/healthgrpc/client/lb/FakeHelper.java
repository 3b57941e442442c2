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

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.grpc.Attributes;
import io.grpc.ChannelLogger;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancer.CreateSubchannelArgs;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.ResolvedAddresses;
import io.grpc.LoadBalancer.Subchannel;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.LoadBalancer.SubchannelStateListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.SynchronizationContext;

/**
 * A {@link LoadBalancer.Helper} for policy tests: it records the subchannels a policy
 * creates and the states and pickers it reports, and lets a test move each subchannel
 * from state to state as a channel would.
 *
 * @author health-grpc authors
 */
final class FakeHelper extends LoadBalancer.Helper {

	static final PickSubchannelArgs ARGS = new PickSubchannelArgs() {

		@Override
		public io.grpc.CallOptions getCallOptions() {
			return io.grpc.CallOptions.DEFAULT;
		}

		@Override
		public Metadata getHeaders() {
			return new Metadata();
		}

		@Override
		public MethodDescriptor<?, ?> getMethodDescriptor() {
			return null;
		}

	};

	private final SynchronizationContext syncContext = new SynchronizationContext((thread, ex) -> {
		throw new AssertionError(ex);
	});

	final List<FakeSubchannel> subchannels = new ArrayList<>();

	ConnectivityState state;

	SubchannelPicker picker;

	int updates;

	int refreshes;

	@Override
	public Subchannel createSubchannel(CreateSubchannelArgs args) {
		FakeSubchannel subchannel = new FakeSubchannel(args.getAddresses());
		this.subchannels.add(subchannel);
		return subchannel;
	}

	@Override
	public ManagedChannel createOobChannel(EquivalentAddressGroup eag, String authority) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void updateBalancingState(ConnectivityState newState, SubchannelPicker newPicker) {
		this.state = newState;
		this.picker = newPicker;
		this.updates++;
	}

	@Override
	public void refreshNameResolution() {
		this.refreshes++;
	}

	@Override
	public SynchronizationContext getSynchronizationContext() {
		return this.syncContext;
	}

	@Override
	public String getAuthority() {
		return "fake";
	}

	@Override
	public ChannelLogger getChannelLogger() {
		return new ChannelLogger() {

			@Override
			public void log(ChannelLogLevel level, String message) {
			}

			@Override
			public void log(ChannelLogLevel level, String messageFormat, Object... args) {
			}

		};
	}

	/**
	 * Return the subchannel of a port, the one created last for it.
	 */
	FakeSubchannel subchannel(int port) {
		for (int i = this.subchannels.size() - 1; i >= 0; i--) {
			if (this.subchannels.get(i).port() == port) {
				return this.subchannels.get(i);
			}
		}
		throw new AssertionError("no subchannel for port " + port + " in " + this.subchannels);
	}

	/**
	 * Return the port of the subchannel that the current picker picks.
	 */
	int pick() {
		PickResult result = this.picker.pickSubchannel(ARGS);
		if (result.getSubchannel() == null) {
			throw new AssertionError("no subchannel picked: " + result);
		}
		return ((FakeSubchannel) result.getSubchannel()).port();
	}

	/**
	 * Return the addresses of the given ports on 127.0.0.1, each with the given
	 * attributes.
	 */
	static ResolvedAddresses addresses(Function<Integer, Attributes> attributes, int... ports) {
		List<EquivalentAddressGroup> groups = new ArrayList<>();
		for (int port : ports) {
			groups.add(new EquivalentAddressGroup(new InetSocketAddress("127.0.0.1", port), attributes.apply(port)));
		}
		return ResolvedAddresses.newBuilder().setAddresses(groups).build();
	}

	static ResolvedAddresses addresses(int... ports) {
		return addresses((port) -> Attributes.EMPTY, ports);
	}

	/**
	 * Return addresses weighing as given, port to weight.
	 */
	static ResolvedAddresses weighted(Map<Integer, Integer> weights) {
		return addresses(
				(port) -> Attributes.newBuilder().set(WeightedLoadBalancerProvider.WEIGHT, weights.get(port)).build(),
				weights.keySet().stream().mapToInt(Integer::intValue).toArray());
	}

	/**
	 * A subchannel whose state the test sets.
	 */
	static final class FakeSubchannel extends Subchannel {

		private List<EquivalentAddressGroup> addresses;

		private SubchannelStateListener listener;

		int connectionRequests;

		int addressUpdates;

		boolean shutdown;

		FakeSubchannel(List<EquivalentAddressGroup> addresses) {
			this.addresses = addresses;
		}

		int port() {
			return ((InetSocketAddress) this.addresses.get(0).getAddresses().get(0)).getPort();
		}

		@Override
		public void start(SubchannelStateListener listener) {
			this.listener = listener;
		}

		@Override
		public void shutdown() {
			this.shutdown = true;
		}

		@Override
		public void requestConnection() {
			this.connectionRequests++;
		}

		@Override
		public List<EquivalentAddressGroup> getAllAddresses() {
			return this.addresses;
		}

		@Override
		public void updateAddresses(List<EquivalentAddressGroup> addresses) {
			this.addresses = addresses;
			this.addressUpdates++;
		}

		@Override
		public Attributes getAttributes() {
			return Attributes.EMPTY;
		}

		void state(ConnectivityState state) {
			this.listener.onSubchannelState(ConnectivityStateInfo.forNonError(state));
		}

		void fail(Status status) {
			this.listener.onSubchannelState(ConnectivityStateInfo.forTransientFailure(status));
		}

		@Override
		public String toString() {
			return "subchannel " + port();
		}

	}

}
