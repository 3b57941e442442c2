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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.grpc.Attributes;
import io.grpc.ClientStreamTracer;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.Metadata;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import io.grpc.util.ForwardingClientStreamTracer;

/**
 * The {@code least_request} policy: each call looks at two READY backends chosen at
 * random and goes to the one with fewer calls under way from this channel ("power of two
 * choices"). A slow backend collects calls under way and gets fewer new ones; looking at
 * two rather than all keeps many clients from piling onto the same least loaded backend
 * at once. Health checked when the channel's service config has a
 * {@code healthCheckConfig}.
 *
 * <p>
 * Select it with {@code grpc.client.<name>.default-load-balancing-policy=least_request};
 * a service config may set {@code {"least_request": {"choiceCount": 3}}} (at least 2; as
 * in gRFC A48, a count above 10 counts as 10). {@code least_request_all}
 * ({@link LeastRequestAllLoadBalancerProvider}) compares every READY backend instead.
 * grpc-java's own {@code least_request_experimental} lives in grpc-xds, which would add
 * about 24 MB to an application.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class LeastRequestLoadBalancerProvider extends HealthCheckedPolicyProvider {

	/**
	 * The policy's name.
	 */
	public static final String POLICY_NAME = "least_request";

	static final int DEFAULT_CHOICE_COUNT = 2;

	static final int MAX_CHOICE_COUNT = 10;

	/**
	 * Create the provider, as grpc-java's registry does.
	 */
	public LeastRequestLoadBalancerProvider() {
		super(POLICY_NAME, (helper) -> new LeastRequestLoadBalancer(helper, DEFAULT_CHOICE_COUNT));
	}

	@Override
	public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
		Object choiceCount = (rawConfig != null) ? rawConfig.get("choiceCount") : null;
		if (choiceCount == null) {
			return ConfigOrError.fromConfig(new Config(DEFAULT_CHOICE_COUNT));
		}
		if (!(choiceCount instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
				|| number.doubleValue() < 2) {
			return ConfigOrError.fromError(Status.UNAVAILABLE
				.withDescription("least_request: choiceCount must be a whole number of at least 2"));
		}
		// gRFC A48: larger counts are capped, not refused
		return ConfigOrError.fromConfig(new Config((int) Math.min(number.doubleValue(), MAX_CHOICE_COUNT)));
	}

	/**
	 * The parsed configuration.
	 *
	 * @param choiceCount how many backends each call compares
	 */
	record Config(int choiceCount) {

	}

	/**
	 * Counts each READY child's calls under way and picks the least loaded of a few.
	 */
	static final class LeastRequestLoadBalancer extends ReadyChildrenLoadBalancer {

		private final int defaultChoiceCount;

		private int choiceCount;

		LeastRequestLoadBalancer(Helper helper, int defaultChoiceCount) {
			super(helper);
			this.defaultChoiceCount = defaultChoiceCount;
			this.choiceCount = defaultChoiceCount;
		}

		@Override
		public Status acceptResolvedAddresses(ResolvedAddresses resolvedAddresses) {
			// a config that no longer names a count goes back to the default
			this.choiceCount = (resolvedAddresses.getLoadBalancingPolicyConfig() instanceof Config config)
					? config.choiceCount() : this.defaultChoiceCount;
			return super.acceptResolvedAddresses(resolvedAddresses);
		}

		@Override
		protected ChildLbState createChildLbState(Object key) {
			return new CountingChild(key);
		}

		@Override
		protected SubchannelPicker readyPicker(List<ChildLbState> ready) {
			return new LeastRequestPicker(ready.stream().map(ChildLbState::getCurrentPicker).toList(),
					ready.stream().map((child) -> ((CountingChild) child).active).toList(), this.choiceCount);
		}

		/**
		 * A child and its calls under way; the count outlives pickers.
		 */
		final class CountingChild extends ReconnectingChild {

			final AtomicInteger active = new AtomicInteger();

			CountingChild(Object key) {
				super(key);
			}

		}

	}

	/**
	 * A snapshot of the READY children's pickers and their counters, which outlive it.
	 */
	static final class LeastRequestPicker extends SubchannelPicker {

		private final List<SubchannelPicker> pickers;

		private final List<AtomicInteger> active;

		private final int choiceCount;

		// per child, its last pick with the counting tracer added: a child's picker
		// answers
		// with the same result every time, so that picks allocate nothing. Racy on
		// purpose:
		// a record's fields are final, so a thread sees a whole entry or none, and a lost
		// entry is only built again
		private final CountedPick[] counted;

		LeastRequestPicker(List<SubchannelPicker> pickers, List<AtomicInteger> active, int choiceCount) {
			this.pickers = List.copyOf(pickers);
			this.active = List.copyOf(active);
			this.choiceCount = choiceCount;
			this.counted = new CountedPick[pickers.size()];
		}

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			int chosen = choose();
			PickResult result = this.pickers.get(chosen).pickSubchannel(args);
			if (result.getSubchannel() == null) {
				return result;
			}
			CountedPick cached = this.counted[chosen];
			if (cached != null && cached.from() == result) {
				return cached.counted();
			}
			// the copy keeps what else the pick carries (an authority override, for one)
			PickResult counted = result.copyWithStreamTracerFactory(
					new CountingTracerFactory(this.active.get(chosen), result.getStreamTracerFactory()));
			this.counted[chosen] = new CountedPick(result, counted);
			return counted;
		}

		// the least loaded of choiceCount distinct backends, or of all when there are no
		// more than that
		private int choose() {
			int size = this.pickers.size();
			if (size <= this.choiceCount) {
				return leastLoaded(size);
			}
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int best = random.nextInt(size);
			long seen = 1L << best;
			for (int drawn = 1; drawn < this.choiceCount;) {
				int candidate = random.nextInt(size);
				if (size <= Long.SIZE && (seen & (1L << candidate)) != 0) {
					continue;
				}
				seen |= 1L << (candidate % Long.SIZE);
				drawn++;
				// a tie keeps the one drawn first, itself a random one
				if (this.active.get(candidate).get() < this.active.get(best).get()) {
					best = candidate;
				}
			}
			return best;
		}

		// ties go to each of the least loaded with the same chance (reservoir sampling)
		private int leastLoaded(int size) {
			int best = 0;
			int least = this.active.get(0).get();
			int ties = 1;
			for (int i = 1; i < size; i++) {
				int load = this.active.get(i).get();
				if (load < least) {
					best = i;
					least = load;
					ties = 1;
				}
				else if (load == least && ThreadLocalRandom.current().nextInt(++ties) == 0) {
					best = i;
				}
			}
			return best;
		}

		@Override
		public String toString() {
			return "least_request" + this.active;
		}

	}

	/**
	 * A child's pick and the same pick with the counting tracer.
	 *
	 * @param from the child's pick
	 * @param counted the pick that counts the call
	 */
	private record CountedPick(PickResult from, PickResult counted) {

	}

	/**
	 * Counts a call from the moment its stream exists until it closes, keeping a tracer
	 * the pick already had (the health checking wrapper's, for instance).
	 */
	static final class CountingTracerFactory extends ClientStreamTracer.Factory {

		private static final ClientStreamTracer NONE = new ClientStreamTracer() {
		};

		private final AtomicInteger active;

		private final ClientStreamTracer.Factory delegate;

		CountingTracerFactory(AtomicInteger active, ClientStreamTracer.Factory delegate) {
			this.active = active;
			this.delegate = delegate;
		}

		/**
		 * Return the count this factory's tracers keep.
		 */
		AtomicInteger callsUnderWay() {
			return this.active;
		}

		@Override
		public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
			ClientStreamTracer inner = (this.delegate != null) ? this.delegate.newClientStreamTracer(info, headers)
					: NONE;
			return new CountingTracer(this.active, inner);
		}

	}

	/**
	 * One call's tracer: up on the stream's creation, down on its close, once each.
	 */
	static final class CountingTracer extends ForwardingClientStreamTracer {

		private static final AtomicIntegerFieldUpdater<CountingTracer> COUNTED = AtomicIntegerFieldUpdater
			.newUpdater(CountingTracer.class, "counted");

		private final AtomicInteger active;

		private final ClientStreamTracer delegate;

		// 1 while the stream counts (a field, not an AtomicBoolean: one object less a
		// call)
		private volatile int counted;

		CountingTracer(AtomicInteger active, ClientStreamTracer delegate) {
			this.active = active;
			this.delegate = delegate;
		}

		@Override
		protected ClientStreamTracer delegate() {
			return this.delegate;
		}

		@Override
		public void streamCreated(Attributes transportAttrs, Metadata headers) {
			if (COUNTED.compareAndSet(this, 0, 1)) {
				this.active.incrementAndGet();
			}
			super.streamCreated(transportAttrs, headers);
		}

		@Override
		public void streamClosed(Status status) {
			// a stream that was never created was never counted
			if (COUNTED.compareAndSet(this, 1, 0)) {
				this.active.decrementAndGet();
			}
			super.streamClosed(status);
		}

	}

}
