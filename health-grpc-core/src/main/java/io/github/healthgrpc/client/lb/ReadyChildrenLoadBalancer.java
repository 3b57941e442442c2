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

import java.util.List;
import java.util.Objects;

import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer;
import io.grpc.Status;
import io.grpc.util.ForwardingLoadBalancer;
import io.grpc.util.MultiChildLoadBalancer;

import org.springframework.lang.Nullable;

/**
 * The part the project's policies share: one pick_first child per address, each kept
 * connected, and a picker over the children that are READY, built by the policy. With
 * client-side health checking a child whose backend is not SERVING is not READY, so no
 * picker ever sees it.
 *
 * <p>
 * Called in the channel's synchronization context only, as every {@link LoadBalancer}.
 * Pickers are snapshots of the READY children, safe for the many threads that pick at
 * once.
 *
 * @author health-grpc authors
 */
abstract class ReadyChildrenLoadBalancer extends MultiChildLoadBalancer {

	private SubchannelPicker currentPicker = Pickers.WAITING;

	ReadyChildrenLoadBalancer(Helper helper) {
		super(helper);
	}

	/**
	 * Return the picker over the READY children (never empty).
	 * @param ready the children whose backend can take calls
	 * @return the picker
	 */
	protected abstract SubchannelPicker readyPicker(List<ChildLbState> ready);

	@Override
	protected ChildLbState createChildLbState(Object key) {
		return new ReconnectingChild(key);
	}

	@Override
	protected void updateOverallBalancingState() {
		List<ChildLbState> ready = getReadyChildren();
		if (!ready.isEmpty()) {
			update(ConnectivityState.READY, readyPicker(ready));
			return;
		}
		boolean connecting = getChildLbStates().stream()
			.map(ChildLbState::getCurrentState)
			.anyMatch((state) -> state == ConnectivityState.CONNECTING || state == ConnectivityState.IDLE);
		if (connecting) {
			update(ConnectivityState.CONNECTING, Pickers.WAITING);
		}
		else {
			// every backend failed: calls fail with one of their reasons
			update(ConnectivityState.TRANSIENT_FAILURE,
					Pickers.random(getChildLbStates().stream().map(ChildLbState::getCurrentPicker).toList()));
		}
	}

	/**
	 * As the base class does, calls fail with the error unless a backend is READY; but
	 * through {@link #update}, so that the state this policy remembers stays the one the
	 * channel has, and the next CONNECTING is not taken for a repeat.
	 */
	@Override
	public void handleNameResolutionError(Status error) {
		if (this.currentConnectivityState != ConnectivityState.READY) {
			update(ConnectivityState.TRANSIENT_FAILURE, new FixedResultPicker(PickResult.withError(error)));
		}
	}

	private void update(ConnectivityState state, SubchannelPicker picker) {
		if (state != this.currentConnectivityState || !picker.equals(this.currentPicker)) {
			getHelper().updateBalancingState(state, picker);
			this.currentConnectivityState = state;
			this.currentPicker = picker;
		}
	}

	/**
	 * A child that connects again as soon as its connection goes idle, as round_robin's
	 * do: every backend stays ready to be picked. It gets its addresses again only when
	 * they changed ({@link AddressesWhenChanged}).
	 */
	class ReconnectingChild extends ChildLbState {

		ReconnectingChild(Object key) {
			super(key, new AddressesWhenChanged.Factory(ReadyChildrenLoadBalancer.this.pickFirstLbProvider));
		}

		@Override
		protected ChildLbStateHelper createChildHelper() {
			return new ChildLbStateHelper() {

				@Override
				public void updateBalancingState(ConnectivityState state, SubchannelPicker picker) {
					super.updateBalancingState(state, picker);
					if (!ReadyChildrenLoadBalancer.this.resolvingAddresses && state == ConnectivityState.IDLE) {
						getLb().requestConnection();
					}
				}

			};
		}

	}

	/**
	 * A child's pick_first that is told of its addresses only when they differ from those
	 * it last accepted. A name resolver answers again and again with the same instances
	 * (Consul's health watch, every discovery heartbeat), and each time pick_first hands
	 * them to its subchannel; under outlier detection that detaches the subchannel's call
	 * counter for a moment, in which a call picked by another thread goes uncounted
	 * ({@link GuardedOutlierDetectionLoadBalancerProvider}). Unchanged addresses change
	 * nothing for pick_first.
	 */
	static final class AddressesWhenChanged extends ForwardingLoadBalancer {

		private final LoadBalancer delegate;

		@Nullable
		private ResolvedAddresses accepted;

		AddressesWhenChanged(LoadBalancer delegate) {
			this.delegate = delegate;
		}

		@Override
		protected LoadBalancer delegate() {
			return this.delegate;
		}

		@Override
		public Status acceptResolvedAddresses(ResolvedAddresses addresses) {
			if (this.accepted != null && this.accepted.getAddresses().equals(addresses.getAddresses())
					&& this.accepted.getAttributes().equals(addresses.getAttributes()) && Objects.equals(
							this.accepted.getLoadBalancingPolicyConfig(), addresses.getLoadBalancingPolicyConfig())) {
				return Status.OK;
			}
			Status status = this.delegate.acceptResolvedAddresses(addresses);
			this.accepted = status.isOk() ? addresses : null;
			return status;
		}

		@Override
		public void handleResolvedAddresses(ResolvedAddresses addresses) {
			acceptResolvedAddresses(addresses);
		}

		/**
		 * Makes pick_first balancers wrapped so.
		 */
		static final class Factory extends LoadBalancer.Factory {

			private final LoadBalancer.Factory pickFirst;

			Factory(LoadBalancer.Factory pickFirst) {
				this.pickFirst = pickFirst;
			}

			@Override
			public LoadBalancer newLoadBalancer(Helper helper) {
				return new AddressesWhenChanged(this.pickFirst.newLoadBalancer(helper));
			}

		}

	}

}
