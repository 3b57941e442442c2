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

import io.github.healthgrpc.consul.GrpcServiceRegistration;
import io.github.healthgrpc.consul.ServiceDefinition;
import net.devh.boot.grpc.server.config.GrpcServerProperties;

import org.springframework.cloud.consul.serviceregistry.ConsulRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulRegistrationCustomizer;

/**
 * Writes the gRPC endpoint into the registration when Spring Cloud Consul creates it, so
 * that a web application, registered as soon as its web server starts (before the gRPC
 * server binds), already carries the gRPC port and the GRPC check. The port is
 * net.devh's: port 0 is replaced by a free port once, and that is the port the server
 * binds.
 *
 * @author health-grpc authors
 */
class GrpcPortRegistrationCustomizer implements ConsulRegistrationCustomizer {

	private final GrpcServiceRegistration rules;

	private final GrpcServerProperties server;

	GrpcPortRegistrationCustomizer(GrpcServiceRegistration rules, GrpcServerProperties server) {
		this.rules = rules;
		this.server = server;
	}

	@Override
	public void customize(ConsulRegistration registration) {
		int port = this.server.getPort();
		if (port > 0) {
			// -1: in-process only, nothing to reach over the network
			ServiceDefinition service = ServiceDefinitions.read(registration.getService());
			this.rules.apply(service, this.server.getAddress(), port);
			ServiceDefinitions.write(service, registration.getService());
		}
	}

}
