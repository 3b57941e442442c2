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

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcClientProperties;
import io.grpc.LoadBalancerRegistry;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.config.GrpcChannelsProperties;
import net.devh.boot.grpc.client.stubfactory.StubFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What health-grpc adds to net.devh's channels and stubs: each configured channel's
 * service config (client-side health checking, retries:
 * {@code health-grpc.client.channels.<name>.*}), a factory for the
 * {@code *BlockingV2Stub}s net.devh 3.1.0 cannot make, and the {@code grpcDownstream}
 * health contributor; and a startup check that every configured load-balancing policy
 * exists. The load-balancing policies ({@code random}, {@code least_request},
 * {@code least_request_all}, {@code weighted}) need no configuration here: grpc-java
 * finds them itself.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		beforeName = "net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass({ GrpcChannelConfigurer.class, StubFactory.class })
@EnableConfigurationProperties(HealthGrpcClientProperties.class)
@Import(DownstreamHealthConfiguration.class)
public class HealthGrpcClientChannelsAutoConfiguration {

	@Bean
	GrpcChannelConfigurer healthGrpcServiceConfigConfigurer(HealthGrpcClientProperties properties,
			ObjectProvider<GrpcChannelsProperties> netDevh) {
		return new ChannelServiceConfigConfigurer(properties.getChannels(), netDevh.getIfAvailable());
	}

	// static: a post-processor, created before the other beans
	@Bean
	static ClientSettingsCheck healthGrpcClientSettingsCheck() {
		return new ClientSettingsCheck(LoadBalancerRegistry.getDefaultRegistry());
	}

	/**
	 * Asked before net.devh's own factories: this configuration comes first.
	 */
	@Bean
	StubFactory healthGrpcBlockingV2StubFactory() {
		return new BlockingV2StubFactory();
	}

}
