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

import org.springframework.cloud.consul.ConsulProperties;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The threads and HTTP client health-grpc's registration keeper and discovery watch
 * share.
 *
 * @author health-grpc authors
 */
@Configuration(proxyBeanMethods = false)
class ConsulAgentResourcesConfiguration {

	@Bean(destroyMethod = "close")
	@Lazy
	ConsulAgentResources healthGrpcConsulAgentResources(ConsulProperties consul, ConsulDiscoveryProperties discovery,
			HealthGrpcConsulProperties properties) {
		return new ConsulAgentResources(consul, discovery.getAclToken(), properties);
	}

}
