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

package io.github.healthgrpc.autoconfigure.consul;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.consul.ConsulHealthWatch;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Makes {@code discovery:///name} clients follow Consul health within seconds: a blocking
 * Consul health query watches each service a client resolves, and health-grpc's resolver
 * factory resolves it again when its passing instances change. Only passing instances are
 * resolved ({@code spring.cloud.consul.discovery.query-passing}, which health-grpc
 * defaults to true). Switched off by
 * {@code health-grpc.consul.discovery.watch-health=false}.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration",
				"io.github.healthgrpc.autoconfigure.consul.HealthGrpcConsulAgentAutoConfiguration" },
		beforeName = "io.github.healthgrpc.autoconfigure.client.HealthGrpcClientDiscoveryAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "discovery.watch-health",
		matchIfMissing = true)
@ConditionalOnClass(ConsulDiscoveryClient.class)
@ConditionalOnBean(ConsulDiscoveryClient.class)
@EnableConfigurationProperties(HealthGrpcConsulProperties.class)
public class HealthGrpcConsulDiscoveryAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Lazy
	ConsulHealthWatch healthGrpcConsulHealthWatch(ConsulAgentResources resources,
			HealthGrpcConsulProperties properties) {
		return new ConsulHealthWatch(resources.agent(), properties.getDiscovery().getWatchWait(),
				resources.scheduler());
	}

}
