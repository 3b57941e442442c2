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

import io.grpc.Attributes;
import io.grpc.ClientStreamTracer;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.LoadBalancerRegistry;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.util.OutlierDetectionLoadBalancerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link GuardedOutlierDetectionLoadBalancerProvider}.
 *
 * @author health-grpc authors
 */
class GuardedOutlierDetectionLoadBalancerProviderTests {

	@Test
	void isRegisteredUnderItsName() {
		assertThat(LoadBalancerRegistry.getDefaultRegistry()
			.getProvider(GuardedOutlierDetectionLoadBalancerProvider.POLICY_NAME))
			.isInstanceOf(GuardedOutlierDetectionLoadBalancerProvider.class);
	}

	@Test
	void readsTheConfigurationAsGrpcJavasOutlierDetection() {
		Map<String, ?> config = Map.of("interval", "2s", "childPolicy", List.of(Map.of("round_robin", Map.of())));
		assertThat(new GuardedOutlierDetectionLoadBalancerProvider().parseLoadBalancingPolicyConfig(config).getConfig())
			.hasSameClassAs(
					new OutlierDetectionLoadBalancerProvider().parseLoadBalancingPolicyConfig(config).getConfig());
		assertThat(
				new GuardedOutlierDetectionLoadBalancerProvider().parseLoadBalancingPolicyConfig(Map.of()).getError())
			.isNotNull();
	}

	@Test
	void aTracerThatThrowsAsTheStreamClosesLetsTheCallClose() {
		List<String> seen = new ArrayList<>();
		ClientStreamTracer.Factory throwing = new ClientStreamTracer.Factory() {

			@Override
			public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
				return new ClientStreamTracer() {

					@Override
					public void streamCreated(Attributes transportAttrs, Metadata headers) {
						seen.add("created");
					}

					@Override
					public void inboundTrailers(Metadata trailers) {
						seen.add("trailers");
					}

					@Override
					public void streamClosed(Status status) {
						seen.add("closed " + status.getCode());
						throw new NullPointerException("no counter");
					}

				};
			}

		};
		FakeHelper.FakeSubchannel subchannel = new FakeHelper.FakeSubchannel(FakeHelper.addresses(1).getAddresses());
		SubchannelPicker picker = new GuardedOutlierDetectionLoadBalancerProvider.GuardingPicker(
				new LoadBalancer.FixedResultPicker(PickResult.withSubchannel(subchannel, throwing)));
		PickResult pick = picker.pickSubchannel(FakeHelper.ARGS);
		assertThat(pick.getSubchannel()).isSameAs(subchannel);
		ClientStreamTracer tracer = pick.getStreamTracerFactory()
			.newClientStreamTracer(ClientStreamTracer.StreamInfo.newBuilder().build(), new Metadata());
		tracer.streamCreated(Attributes.EMPTY, new Metadata());
		tracer.inboundTrailers(new Metadata());
		assertThatNoException().isThrownBy(() -> tracer.streamClosed(Status.OK));
		assertThat(seen).containsExactly("created", "trailers", "closed OK");
	}

	@Test
	void aPickWithoutTracersIsLeftAsItIs() {
		PickResult waiting = PickResult.withNoResult();
		assertThat(new GuardedOutlierDetectionLoadBalancerProvider.GuardingPicker(
				new LoadBalancer.FixedResultPicker(waiting))
			.pickSubchannel(FakeHelper.ARGS)).isSameAs(waiting);
	}

}
