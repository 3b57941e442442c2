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

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ClientStreamTracer;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.Metadata;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import io.grpc.util.ForwardingClientStreamTracer;
import io.grpc.util.ForwardingLoadBalancerHelper;
import io.grpc.util.OutlierDetectionLoadBalancerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * grpc-java's outlier detection ({@code outlier_detection_experimental}, gRFC A50), with
 * one race of it fenced off. Its picker reads a subchannel's call counter while the
 * channel's synchronization context may be detaching it (a subchannel that gets its
 * addresses again, or is shut down): a call picked in that moment gets no counter, and
 * when it ends its stream tracer throws a {@link NullPointerException} on the transport's
 * thread. That call then never completes, its deadline notwithstanding, and the transport
 * fails every other call on the connection with a bare UNKNOWN. Seen with grpc-java 1.84
 * and 1.85 under a name resolver that answers again while calls go on (Consul's health
 * watch does; {@code GuardedOutlierDetectionIntegrationTests}).
 *
 * <p>
 * This policy is grpc-java's, with the same configuration, and lets nothing its stream
 * tracers throw when a stream closes escape: the call closes as it would have. What the
 * throwing tracer would have done after its own count is lost with it: that call's
 * outcome is not counted for ejection, and the child policy's tracer of that call does
 * not hear of its end (under {@code least_request}, the backend's count of calls under
 * way stays one too high). health-grpc's own policies keep the window closed where they
 * can ({@code ReadyChildrenLoadBalancer.AddressesWhenChanged}). health-grpc's service
 * config names this policy ({@value #POLICY_NAME}); a service config of your own can too.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class GuardedOutlierDetectionLoadBalancerProvider extends LoadBalancerProvider {

	/**
	 * The policy's name.
	 */
	public static final String POLICY_NAME = "health_grpc_outlier_detection";

	private static final Log logger = LogFactory.getLog(GuardedOutlierDetectionLoadBalancerProvider.class);

	// the first is warned of, the others logged at debug: the race is grpc-java's, the
	// same every time
	private static final AtomicLong swallowed = new AtomicLong();

	private final LoadBalancerProvider outlierDetection = new OutlierDetectionLoadBalancerProvider();

	@Override
	public boolean isAvailable() {
		return true;
	}

	@Override
	public int getPriority() {
		return 5;
	}

	@Override
	public String getPolicyName() {
		return POLICY_NAME;
	}

	@Override
	public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
		return this.outlierDetection.parseLoadBalancingPolicyConfig(rawConfig);
	}

	@Override
	public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
		return this.outlierDetection.newLoadBalancer(new ForwardingLoadBalancerHelper() {

			@Override
			protected LoadBalancer.Helper delegate() {
				return helper;
			}

			@Override
			public void updateBalancingState(ConnectivityState state, LoadBalancer.SubchannelPicker picker) {
				super.updateBalancingState(state, new GuardingPicker(picker));
			}

		});
	}

	/**
	 * Return how many times, in this JVM, a stream tracer under this policy threw as its
	 * call closed: what the tests read to tell that the race happened and was let pass.
	 * @return the count
	 */
	static long failuresAsCallsClosed() {
		return swallowed.get();
	}

	/**
	 * Outlier detection's picks, each with its stream tracers guarded.
	 */
	static final class GuardingPicker extends LoadBalancer.SubchannelPicker {

		private final LoadBalancer.SubchannelPicker delegate;

		GuardingPicker(LoadBalancer.SubchannelPicker delegate) {
			this.delegate = delegate;
		}

		@Override
		public LoadBalancer.PickResult pickSubchannel(LoadBalancer.PickSubchannelArgs args) {
			LoadBalancer.PickResult result = this.delegate.pickSubchannel(args);
			ClientStreamTracer.Factory tracers = result.getStreamTracerFactory();
			return (tracers != null) ? result.copyWithStreamTracerFactory(new GuardedTracerFactory(tracers)) : result;
		}

		@Override
		public String toString() {
			return "guarded(" + this.delegate + ")";
		}

	}

	/**
	 * Makes tracers whose {@code streamClosed} throws nothing.
	 */
	static final class GuardedTracerFactory extends ClientStreamTracer.Factory {

		private final ClientStreamTracer.Factory delegate;

		GuardedTracerFactory(ClientStreamTracer.Factory delegate) {
			this.delegate = delegate;
		}

		@Override
		public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
			return new GuardedTracer(this.delegate.newClientStreamTracer(info, headers));
		}

	}

	/**
	 * A tracer whose {@code streamClosed} throws nothing: the transport closes the call's
	 * listener only after every tracer has returned.
	 */
	static final class GuardedTracer extends ForwardingClientStreamTracer {

		private final ClientStreamTracer delegate;

		GuardedTracer(ClientStreamTracer delegate) {
			this.delegate = delegate;
		}

		@Override
		protected ClientStreamTracer delegate() {
			return this.delegate;
		}

		@Override
		public void streamClosed(Status status) {
			try {
				super.streamClosed(status);
			}
			catch (RuntimeException ex) {
				if (swallowed.incrementAndGet() == 1) {
					logger.warn("A stream tracer of outlier detection failed as a call closed (a race in grpc-java); "
							+ "the call closed anyway, uncounted. Further such failures are logged at debug level", ex);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("A stream tracer of outlier detection failed as a call closed", ex);
				}
			}
		}

	}

}
