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

import java.util.Objects;

import io.github.healthgrpc.consul.GrpcServiceRegistration;
import io.github.healthgrpc.consul.RegistrationKeeper;
import io.github.healthgrpc.consul.ServiceDefinition;
import io.github.healthgrpc.server.GrpcServerInfo;
import io.github.healthgrpc.server.GrpcServerListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.lang.Nullable;

/**
 * Registers the application once its gRPC server has started (called by the adapter of
 * the integration that runs it, on the thread that started it).
 * <ul>
 * <li>A gRPC-only application (no web server) is registered here: Spring Cloud Consul
 * registers only when a web server starts. Its port is the gRPC port and its only check
 * is the GRPC check.</li>
 * <li>A web application is already registered; if the bound gRPC endpoint differs from
 * what was registered, the registration is replaced.</li>
 * </ul>
 * Then the {@link RegistrationKeeper} starts, so an agent that was unreachable or
 * restarts gets the registration again, and settings with which Consul's check cannot
 * pass are warned about ({@link GrpcCheckWarnings}).
 *
 * @author health-grpc authors
 */
class GrpcServerConsulRegistrar implements GrpcServerListener {

	private static final Log logger = LogFactory.getLog(GrpcServerConsulRegistrar.class);

	private final GrpcServiceRegistration rules;

	private final ConsulAutoRegistration registration;

	private final ConsulAutoServiceRegistration autoServiceRegistration;

	private final ConsulServiceRegistry serviceRegistry;

	private final ConsulDiscoveryProperties discovery;

	@Nullable
	private final RegistrationKeeper keeper;

	private final GrpcCheckWarnings warnings;

	GrpcServerConsulRegistrar(GrpcServiceRegistration rules, ConsulAutoRegistration registration,
			ConsulAutoServiceRegistration autoServiceRegistration, ConsulServiceRegistry serviceRegistry,
			ConsulDiscoveryProperties discovery, @Nullable RegistrationKeeper keeper, GrpcCheckWarnings warnings) {
		this.rules = rules;
		this.registration = registration;
		this.autoServiceRegistration = autoServiceRegistration;
		this.serviceRegistry = serviceRegistry;
		this.discovery = discovery;
		this.keeper = keeper;
		this.warnings = warnings;
	}

	@Override
	public void serverStarted(GrpcServerInfo server) {
		int port = server.port();
		if (port <= 0 || !this.discovery.isRegister()) {
			// the in-process server, or registration switched off
			// (spring.cloud.consul.discovery.register=false): nothing to register
			return;
		}
		// each line's own model (consul-api's, or Spring Cloud Consul 5.0's): only its
		// ServiceDefinitions names the type
		var service = this.registration.getService();
		ServiceDefinition definition = ServiceDefinitions.read(service);
		String registeredId = definition.getId();
		String registered = definition.toJson();
		this.rules.apply(definition, server.address(), port);
		// Spring Cloud Consul registers only when a web server starts
		boolean grpcOnly = !this.autoServiceRegistration.isRunning();
		if (grpcOnly) {
			makeGrpcOnly(definition, port);
		}
		ServiceDefinitions.write(definition, service);
		if (grpcOnly) {
			this.autoServiceRegistration.start();
		}
		else if (!registered.equals(definition.toJson())) {
			replace(registeredId, definition.getId());
		}
		if (this.keeper != null && this.autoServiceRegistration.isRunning()) {
			this.keeper.start();
		}
		this.warnings.of(this.rules.check(), GrpcServiceRegistration.checkHost(definition, server.address()))
			.forEach(logger::warn);
	}

	// an application without a web server: its port is the gRPC port, and its only check
	// is the GRPC check
	private static void makeGrpcOnly(ServiceDefinition definition, int port) {
		if (definition.getPort() == null) {
			// set here, not through Spring Cloud Consul's initializePort: that would add
			// an HTTP check on the gRPC port, which has no HTTP endpoint
			definition.setPort(port);
		}
		if (definition.getCheck() == null && definition.getChecks() != null && definition.getChecks().size() == 1) {
			// keep-http-check has no HTTP check to keep in an application without a web
			// server: the GRPC check is its check
			definition.setCheck(definition.getChecks().get(0));
			definition.setChecks(null);
		}
	}

	private void replace(@Nullable String registeredId, String id) {
		this.serviceRegistry.register(this.registration);
		if (!Objects.equals(registeredId, id) && registeredId != null) {
			try {
				this.serviceRegistry
					.deregister(new ConsulRegistration(ServiceDefinitions.withId(registeredId), this.discovery));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not remove the earlier registration " + registeredId + " from Consul: " + ex);
			}
		}
	}

}
