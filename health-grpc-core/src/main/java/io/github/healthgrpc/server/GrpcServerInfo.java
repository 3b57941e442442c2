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
package io.github.healthgrpc.server;

import java.net.InetAddress;
import java.util.List;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * A gRPC server that has started, as its integration reports it.
 *
 * @param address the address it listens on: a specific host address, or {@code null} (or
 * a wildcard such as {@code *}, {@code 0.0.0.0}, {@code ::}) for all of them
 * @param port the port it is bound to, or {@code -1} for an in-process server only
 * @param tls whether it serves TLS
 * @param services the full names of every service it serves, health-grpc's own included
 * @author health-grpc authors
 * @since 0.1.0
 */
public record GrpcServerInfo(@Nullable String address, int port, boolean tls, List<String> services) {

	/**
	 * Check the values and keep an unmodifiable copy of the services.
	 * @param address the address it listens on
	 * @param port the bound port
	 * @param tls whether it serves TLS
	 * @param services the full names of every service it serves
	 */
	public GrpcServerInfo {
		Assert.notNull(services, "'services' must not be null");
		services = List.copyOf(services);
	}

	/**
	 * Return the full names of every service a grpc-java server serves, as each
	 * integration's adapter reports them.
	 * @param server the started server
	 * @return the names, in the server's order
	 */
	public static List<String> serviceNames(Server server) {
		return server.getServices()
			.stream()
			.map(ServerServiceDefinition::getServiceDescriptor)
			.map(ServiceDescriptor::getName)
			.toList();
	}

	/**
	 * Return whether the server listens on one address rather than all of them.
	 * @return whether {@link #address()} names one address
	 */
	public boolean isSpecificAddress() {
		return isSpecific(this.address);
	}

	/**
	 * Return whether a listen address names one address rather than all of them.
	 * @param address the address as configured or bound ({@code null}, {@code *} and any
	 * form of the IPv4 or IPv6 wildcard mean all)
	 * @return whether it is a specific address
	 */
	public static boolean isSpecific(@Nullable String address) {
		if (address == null) {
			return false;
		}
		String host = address.trim();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (host.isEmpty() || host.equals("*")) {
			return false;
		}
		if (!isLiteral(host)) {
			// a host name is one address; never resolved here (no lookups at startup)
			return true;
		}
		try {
			return !InetAddress.getByName(host).isAnyLocalAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return true;
		}
	}

	private static boolean isLiteral(String host) {
		// an IPv6 literal has a colon; an IPv4 literal only digits and dots
		return host.indexOf(':') >= 0 || host.chars().allMatch((c) -> c == '.' || Character.isDigit(c));
	}

}
