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

package io.github.healthgrpc.autoconfigure.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.healthgrpc.autoconfigure.interceptor.ChannelOutlierDetection;
import io.github.healthgrpc.autoconfigure.interceptor.ChannelRetryThrottling;
import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcClientProperties.Channel;
import io.github.healthgrpc.client.ClientServiceConfig;
import io.github.healthgrpc.client.OutlierDetection;
import io.github.healthgrpc.client.RetryThrottling;
import io.grpc.ManagedChannelBuilder;
import net.devh.boot.grpc.client.config.GrpcChannelProperties;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The service config that each net.devh channel gets from its
 * {@code health-grpc.client.channels.<name>.*} settings and net.devh's policy.
 *
 * @author health-grpc authors
 */
class ChannelServiceConfigConfigurerTests {

	private final Map<String, Channel> channels = new LinkedHashMap<>();

	private final GrpcChannelsProperties netDevh = new GrpcChannelsProperties();

	@Test
	void aChannelWithoutSettingsGetsOutlierDetectionAroundNetDevhsPolicy() {
		Map<String, ?> config = configure("backends");
		assertThat(config).containsOnlyKeys("loadBalancingConfig");
		assertThat(config).isEqualTo(
				ClientServiceConfig.builder().outlierDetection("round_robin", OutlierDetection.standard()).build());
		netDevh("backends").setDefaultLoadBalancingPolicy("least_request");
		assertThat(configure("backends").get("loadBalancingConfig").toString())
			.contains("childPolicy=[{least_request={}}]");
	}

	@Test
	void theDefaultSettingsAreTheDocumentedOnes() {
		assertThat(new ChannelOutlierDetection().toOutlierDetection()).isEqualTo(OutlierDetection.standard());
		assertThat(new ChannelRetryThrottling().toThrottling()).isEqualTo(RetryThrottling.standard());
	}

	@Test
	void noOutlierDetectionWherePickFirstPicksOrThePolicyIsUnknownOrNotNetDevhs() {
		netDevh("one").setDefaultLoadBalancingPolicy("pick_first");
		assertThat(configure("one")).isNull();
		netDevh("local").setAddress("in-process:local");
		assertThat(configure("local")).isNull();
		// a misspelled policy is reported at startup, not hidden in a service config
		netDevh("typo").setDefaultLoadBalancingPolicy("least-request");
		assertThat(configure("typo")).isNull();
		assertThat(configure(new ChannelServiceConfigConfigurer(this.channels, null), "backends")).isNull();
		channel("off").getOutlierDetection().setEnabled(false);
		assertThat(configure("off")).isNull();
	}

	@Test
	void retriesAndHedgingAreThrottledUnlessThrottlingIsOff() {
		channel("retried").getRetry().setMethods(List.of("shop.Cart"));
		channel("retried").getOutlierDetection().setEnabled(false);
		assertThat(configure("retried")).containsOnlyKeys("methodConfig", "retryThrottling");
		channel("hedged").getHedging().setMethods(List.of("shop.Cart/Get"));
		channel("hedged").getRetryThrottling().setMaxTokens(20);
		Map<String, ?> hedged = configure("hedged");
		assertThat(hedged).containsKeys("methodConfig", "loadBalancingConfig");
		assertThat(hedged.get("methodConfig").toString()).contains("hedgingPolicy");
		assertThat(hedged.get("retryThrottling")).isEqualTo(Map.of("maxTokens", 20.0, "tokenRatio", 0.1));
		channel("unthrottled").getRetry().setMethods(List.of("*"));
		channel("unthrottled").getRetryThrottling().setEnabled(false);
		assertThat(configure("unthrottled")).doesNotContainKey("retryThrottling");
	}

	private Channel channel(String name) {
		return this.channels.computeIfAbsent(name, (key) -> new Channel());
	}

	private GrpcChannelProperties netDevh(String name) {
		return this.netDevh.getClient().computeIfAbsent(name, (key) -> new GrpcChannelProperties());
	}

	private Map<String, ?> configure(String name) {
		return configure(new ChannelServiceConfigConfigurer(this.channels, this.netDevh), name);
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	/**
	 * Return the default service config the channel got, or {@code null} for none.
	 */
	private static Map<String, ?> configure(ChannelServiceConfigConfigurer configurer, String name) {
		ManagedChannelBuilder<?> builder = mock(ManagedChannelBuilder.class);
		configurer.accept(builder, name);
		return Mockito.mockingDetails(builder)
			.getInvocations()
			.stream()
			.filter((invocation) -> invocation.getMethod().getName().equals("defaultServiceConfig"))
			.map((invocation) -> ChannelServiceConfigConfigurerTests.<Map<String, ?>>cast(invocation.getArgument(0)))
			.reduce((first, second) -> {
				throw new AssertionError("set twice");
			})
			.orElse(null);
	}

}
