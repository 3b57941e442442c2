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
package io.github.healthgrpc.client.discovery;

import java.util.Map;

import org.springframework.util.Assert;

/**
 * One instance of a service, as a discovery client lists it.
 *
 * @param id the instance's id
 * @param host its host
 * @param port its registered port
 * @param metadata its metadata (the gRPC port, a weight, a service config...)
 * @author health-grpc authors
 * @since 0.1.0
 */
public record DiscoveredInstance(String id, String host, int port, Map<String, String> metadata) {

	/**
	 * Check the values and keep an unmodifiable copy of the metadata.
	 * @param id the instance's id
	 * @param host its host
	 * @param port its registered port
	 * @param metadata its metadata
	 */
	public DiscoveredInstance {
		Assert.hasText(host, "'host' must not be empty");
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

}
