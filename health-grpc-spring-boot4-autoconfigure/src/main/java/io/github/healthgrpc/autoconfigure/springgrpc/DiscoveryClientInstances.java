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

import java.util.List;

import io.github.healthgrpc.client.discovery.DiscoveredInstance;
import io.github.healthgrpc.client.discovery.ServiceInstances;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Lists a service's instances through Spring Cloud's {@link DiscoveryClient}: with
 * health-grpc's Consul defaults ({@code spring.cloud.consul.discovery.query-passing}),
 * the passing ones only.
 *
 * @author health-grpc authors
 */
final class DiscoveryClientInstances implements ServiceInstances {

	private final DiscoveryClient client;

	DiscoveryClientInstances(DiscoveryClient client) {
		this.client = client;
	}

	@Override
	public List<DiscoveredInstance> instances(String service) {
		return this.client.getInstances(service).stream().map(DiscoveryClientInstances::instance).toList();
	}

	private static DiscoveredInstance instance(ServiceInstance instance) {
		String id = (instance.getInstanceId() != null) ? instance.getInstanceId()
				: instance.getHost() + ":" + instance.getPort();
		return new DiscoveredInstance(id, instance.getHost(), instance.getPort(), instance.getMetadata());
	}

}
