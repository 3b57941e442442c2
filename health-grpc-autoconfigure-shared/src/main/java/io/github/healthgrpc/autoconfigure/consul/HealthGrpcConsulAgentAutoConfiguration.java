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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.consul.ConsulProperties;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The threads and HTTP client that health-grpc's registration keeper and discovery watch
 * share, created when one of them needs them. A configuration of its own rather than one
 * both import: an import shared by two conditional configurations would be judged on the
 * first one's conditions, too early for the second's.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.cloud.consul.ConsulAutoConfiguration",
		"org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration",
		"org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnClass(ConsulDiscoveryProperties.class)
@ConditionalOnBean({ ConsulProperties.class, ConsulDiscoveryProperties.class })
@EnableConfigurationProperties(HealthGrpcConsulProperties.class)
public class HealthGrpcConsulAgentAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Lazy
	ConsulAgentResources healthGrpcConsulAgentResources(ConsulProperties consul, ConsulDiscoveryProperties discovery,
			HealthGrpcConsulProperties properties) {
		return new ConsulAgentResources(consul, discovery.getAclToken(), properties);
	}

}
