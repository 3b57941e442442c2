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

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.healthgrpc.client.lb.WeightedLoadBalancerProvider;
import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns discovered instances into the addresses a channel connects to: the gRPC port from
 * the {@value #GRPC_PORT} metadata where an instance has it (its registered port
 * otherwise), and its weight for the {@code weighted} policy from a metadata key.
 * Instances whose gRPC port or weight cannot be read are logged once each; an unreadable
 * port leaves the instance out, an unreadable weight counts as the default weight.
 *
 * <p>
 * Thread-safe. Host names are looked up here: call it off the channel's synchronization
 * context.
 *
 * @author health-grpc authors
 */
final class InstanceAddresses {

	/**
	 * Metadata key of the gRPC port (net.devh's, which health-grpc's Consul registration
	 * writes).
	 */
	static final String GRPC_PORT = "gRPC_port";

	/**
	 * Metadata key of the gRPC port in net.devh's old releases.
	 */
	static final String LEGACY_GRPC_PORT = "gRPC.port";

	/**
	 * Attribute that carries the service's name on each address.
	 */
	static final Attributes.Key<String> SERVICE = Attributes.Key.create("io.github.healthgrpc.discovery.service");

	/**
	 * Attribute that carries the instance's id on each address.
	 */
	static final Attributes.Key<String> INSTANCE_ID = Attributes.Key
		.create("io.github.healthgrpc.discovery.instance-id");

	private static final Log logger = LogFactory.getLog(InstanceAddresses.class);

	// bad metadata warned about, once each; bounded for services whose instances churn
	private static final int MAX_WARNED = 1_000;

	private final String service;

	private final String weightKey;

	private final Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

	InstanceAddresses(String service, String weightKey) {
		this.service = service;
		this.weightKey = weightKey;
	}

	List<EquivalentAddressGroup> of(List<DiscoveredInstance> instances) {
		List<EquivalentAddressGroup> groups = new ArrayList<>(instances.size());
		Set<String> seen = new HashSet<>();
		for (DiscoveredInstance instance : instances) {
			int port = grpcPort(instance);
			if (port <= 0 || !seen.add(instance.host() + ":" + port)) {
				continue;
			}
			Attributes attributes = Attributes.newBuilder()
				.set(SERVICE, this.service)
				.set(INSTANCE_ID, String.valueOf(instance.id()))
				.set(WeightedLoadBalancerProvider.WEIGHT, weight(instance))
				.build();
			// resolved here, on the reading thread: grpc-java's transports connect to
			// resolved addresses only (an unresolved one fails every call)
			InetSocketAddress address = new InetSocketAddress(instance.host(), port);
			if (address.isUnresolved()) {
				warn(instance, "host", instance.host(), "which does not resolve: it is left out");
				continue;
			}
			groups.add(new EquivalentAddressGroup(address, attributes));
		}
		return groups;
	}

	private int grpcPort(DiscoveredInstance instance) {
		String value = instance.metadata().get(GRPC_PORT);
		String key = GRPC_PORT;
		if (value == null) {
			value = instance.metadata().get(LEGACY_GRPC_PORT);
			key = LEGACY_GRPC_PORT;
		}
		if (value == null) {
			return instance.port();
		}
		Integer port = positive(value);
		if (port == null || port > 65_535) {
			warn(instance, key, value, "not a port: it is left out");
			return -1;
		}
		return port;
	}

	private int weight(DiscoveredInstance instance) {
		String value = instance.metadata().get(this.weightKey);
		if (value == null) {
			return WeightedLoadBalancerProvider.DEFAULT_WEIGHT;
		}
		Integer weight = positive(value);
		if (weight == null) {
			warn(instance, this.weightKey, value,
					"not a positive whole number: it weighs " + WeightedLoadBalancerProvider.DEFAULT_WEIGHT);
			return WeightedLoadBalancerProvider.DEFAULT_WEIGHT;
		}
		return weight;
	}

	private static Integer positive(String value) {
		try {
			int number = Integer.parseInt(value.trim());
			return (number > 0) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private void warn(DiscoveredInstance instance, String key, String value, String consequence) {
		String shown = (value.length() > 32) ? value.substring(0, 32) + "..." : value;
		if (this.warned.size() < MAX_WARNED && this.warned.add(instance.id() + ":" + key + "=" + shown)) {
			logger.warn("Instance " + instance.id() + " of '" + this.service + "' has " + key + "=" + shown + ", "
					+ consequence);
		}
	}

}
