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

import java.net.InetAddress;
import java.util.OptionalInt;

import io.github.healthgrpc.server.ConfiguredGrpcServer;

import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;

/**
 * Spring Boot's gRPC server as configured ({@code spring.grpc.server.*}): port 9090
 * unless set; port 0 is chosen by the operating system when the server binds, so only the
 * bound port tells.
 *
 * @author health-grpc authors
 */
final class SpringGrpcConfiguredServer implements ConfiguredGrpcServer {

	/**
	 * Spring Boot's default port.
	 */
	static final int DEFAULT_PORT = 9090;

	private final GrpcServerProperties properties;

	SpringGrpcConfiguredServer(GrpcServerProperties properties) {
		this.properties = properties;
	}

	@Override
	public String address() {
		InetAddress address = this.properties.getAddress();
		return (address != null) ? address.getHostAddress() : null;
	}

	@Override
	public OptionalInt port() {
		if (this.properties.getNetty().getDomainSocketPath() != null) {
			return OptionalInt.empty();
		}
		Integer port = this.properties.getPort();
		int configured = (port != null) ? port : DEFAULT_PORT;
		return (configured > 0) ? OptionalInt.of(configured) : OptionalInt.empty();
	}

	@Override
	public boolean tls() {
		GrpcServerProperties.Ssl ssl = this.properties.getSsl();
		// as Spring Boot decides: on when enabled, or when a bundle is named and it is
		// not
		// switched off
		return Boolean.TRUE.equals(ssl.getEnabled()) || (ssl.getEnabled() == null && ssl.getBundle() != null);
	}

	@Override
	public String integration() {
		return "Spring Boot gRPC";
	}

}
