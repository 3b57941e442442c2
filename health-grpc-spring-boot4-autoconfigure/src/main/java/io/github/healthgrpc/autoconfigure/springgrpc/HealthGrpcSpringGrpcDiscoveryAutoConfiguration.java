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

package io.github.healthgrpc.autoconfigure.springgrpc;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.client.ServiceWatch;
import io.github.healthgrpc.client.discovery.DiscoveryNameResolverProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * {@code discovery:///<service>} targets for Spring Boot's gRPC channels: Spring gRPC has
 * no discovery resolver (spring-grpc#167, #341), so health-grpc registers its own
 * ({@link DiscoveryNameResolverProvider}) in grpc-java's default name resolver registry,
 * which every channel built by {@link GrpcChannelFactory} (and any other channel of the
 * application) uses. It lists instances through Spring Cloud's {@link DiscoveryClient}
 * (passing instances only, with health-grpc's Consul defaults) and resolves again at once
 * when the Consul health watch ({@link ServiceWatch}) sees them change.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration",
		"io.github.healthgrpc.autoconfigure.consul.HealthGrpcConsulDiscoveryAutoConfiguration",
		"org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
		"org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass({ DiscoveryClient.class, GrpcChannelFactory.class })
@ConditionalOnBean(DiscoveryClient.class)
public class HealthGrpcSpringGrpcDiscoveryAutoConfiguration {

	/**
	 * The property naming the metadata key of an instance's weight (the client
	 * properties' {@code load-balancing.weight-metadata-key}).
	 */
	static final String WEIGHT_KEY = "health-grpc.client.load-balancing.weight-metadata-key";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	DiscoveryNameResolverProvider healthGrpcDiscoveryNameResolverProvider(DiscoveryClient client,
			ObjectProvider<ServiceWatch> watch, Environment environment) {
		return new DiscoveryNameResolverProvider(new DiscoveryClientInstances(client),
				watch.getIfUnique(() -> ServiceWatch.NONE), environment.getProperty(WEIGHT_KEY, "gRPC_weight"));
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryNameResolverRegistration<?> healthGrpcDiscoveryNameResolverRegistration(
			DiscoveryNameResolverProvider provider) {
		return new DiscoveryNameResolverRegistration<>(provider);
	}

}
