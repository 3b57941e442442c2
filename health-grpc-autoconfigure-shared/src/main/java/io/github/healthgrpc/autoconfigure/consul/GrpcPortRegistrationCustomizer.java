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

import java.util.OptionalInt;

import io.github.healthgrpc.consul.GrpcServiceRegistration;
import io.github.healthgrpc.consul.ServiceDefinition;
import io.github.healthgrpc.server.ConfiguredGrpcServer;

import org.springframework.cloud.consul.serviceregistry.ConsulRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulRegistrationCustomizer;

/**
 * Writes the configured gRPC endpoint into Spring Cloud Consul's registration when it is
 * created, for a web application that registers when its web server starts, before the
 * gRPC server has bound: {@link GrpcServerConsulRegistrar} writes the bound one once it
 * has.
 *
 * @author health-grpc authors
 */
class GrpcPortRegistrationCustomizer implements ConsulRegistrationCustomizer {

	private final GrpcServiceRegistration rules;

	private final ConfiguredGrpcServer server;

	GrpcPortRegistrationCustomizer(GrpcServiceRegistration rules, ConfiguredGrpcServer server) {
		this.rules = rules;
		this.server = server;
	}

	@Override
	public void customize(ConsulRegistration registration) {
		OptionalInt port = this.server.port();
		if (port.isPresent()) {
			// empty: port 0 (only the bound port will tell) or no network server
			ServiceDefinition service = ServiceDefinitions.read(registration.getService());
			this.rules.apply(service, this.server.address(), port.getAsInt());
			ServiceDefinitions.write(service, registration.getService());
		}
	}

}
