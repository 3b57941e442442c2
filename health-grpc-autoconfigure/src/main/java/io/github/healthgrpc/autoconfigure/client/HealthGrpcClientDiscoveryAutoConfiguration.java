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
import io.github.healthgrpc.client.ServiceWatch;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientResolverFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Replaces net.devh's {@code discovery:///} resolver factory with health-grpc's: instance
 * weights for the {@code weighted} policy, and a re-resolve whenever a
 * {@link ServiceWatch} (Consul's health watch) reports a change. A
 * {@link DiscoveryClientResolverFactory} bean of the application's own wins.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration",
				"io.github.healthgrpc.autoconfigure.consul.HealthGrpcConsulDiscoveryAutoConfiguration",
				"org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
				"org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration" },
		beforeName = "net.devh.boot.grpc.client.autoconfigure.GrpcDiscoveryClientAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass({ DiscoveryClient.class, DiscoveryClientResolverFactory.class })
@ConditionalOnBean(DiscoveryClient.class)
@EnableConfigurationProperties(HealthGrpcClientProperties.class)
public class HealthGrpcClientDiscoveryAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean(DiscoveryClientResolverFactory.class)
	HealthGrpcDiscoveryResolverFactory healthGrpcDiscoveryClientResolverFactory(DiscoveryClient client,
			ObjectProvider<ServiceWatch> watch, HealthGrpcClientProperties properties) {
		return new HealthGrpcDiscoveryResolverFactory(client, watch.getIfUnique(() -> ServiceWatch.NONE),
				properties.getLoadBalancing().getWeightMetadataKey());
	}

}
