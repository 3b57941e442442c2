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

import java.util.LinkedHashMap;
import java.util.List;

import com.ecwid.consul.v1.agent.model.NewService;
import com.google.gson.annotations.SerializedName;
import io.github.healthgrpc.consul.CheckDefinition;
import io.github.healthgrpc.consul.ServiceDefinition;

import org.springframework.lang.Nullable;

/**
 * Copies Spring Cloud Consul 4.3's registration model (consul-api's {@link NewService})
 * to health-grpc's neutral {@link ServiceDefinition} and back: the one place of the
 * Spring Boot 3.5 line that knows consul-api's types.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
final class ServiceDefinitions {

	private ServiceDefinitions() {
	}

	/**
	 * Read a registration.
	 * @param service Spring Cloud Consul's service definition
	 * @return the neutral copy
	 */
	static ServiceDefinition read(NewService service) {
		ServiceDefinition definition = new ServiceDefinition();
		definition.setId(service.getId());
		definition.setName(service.getName());
		definition.setTags((service.getTags() != null) ? List.copyOf(service.getTags()) : null);
		definition.setAddress(service.getAddress());
		definition.setMeta((service.getMeta() != null) ? new LinkedHashMap<>(service.getMeta()) : null);
		definition.setPort(service.getPort());
		definition.setEnableTagOverride(service.getEnableTagOverride());
		definition.setCheck(read(service.getCheck()));
		definition.setChecks((service.getChecks() != null)
				? service.getChecks().stream().map(ServiceDefinitions::read).toList() : null);
		return definition;
	}

	/**
	 * Write what health-grpc may change (id, address, port, metadata, checks) back into a
	 * registration.
	 * @param definition the neutral definition
	 * @param service Spring Cloud Consul's service definition
	 */
	static void write(ServiceDefinition definition, NewService service) {
		service.setId(definition.getId());
		service.setAddress(definition.getAddress());
		service.setPort(definition.getPort());
		if (definition.getMeta() != null) {
			if (service.getMeta() == null) {
				service.setMeta(new LinkedHashMap<>());
			}
			// in place: net.devh adds its own entry to the same map later
			service.getMeta().putAll(definition.getMeta());
		}
		service.setCheck(write(definition.getCheck()));
		service.setChecks((definition.getChecks() != null)
				? new java.util.ArrayList<>(definition.getChecks().stream().map(ServiceDefinitions::write).toList())
				: null);
	}

	/**
	 * Return a definition that names an instance only, to deregister it.
	 * @param id the instance id
	 * @return the definition
	 */
	static NewService withId(String id) {
		NewService service = new NewService();
		service.setId(id);
		return service;
	}

	@Nullable
	private static CheckDefinition read(@Nullable NewService.Check check) {
		if (check == null) {
			return null;
		}
		CheckDefinition definition = new CheckDefinition();
		definition.setDockerContainerId(check.getDockerContainerID());
		definition.setShell(check.getShell());
		definition.setInterval(check.getInterval());
		definition.setTtl(check.getTtl());
		definition.setHttp(check.getHttp());
		definition.setMethod(check.getMethod());
		definition.setHeader(check.getHeader());
		definition.setTcp(check.getTcp());
		definition.setTimeout(check.getTimeout());
		definition.setDeregisterCriticalServiceAfter(check.getDeregisterCriticalServiceAfter());
		definition.setTlsSkipVerify(check.getTlsSkipVerify());
		definition.setStatus(check.getStatus());
		definition.setGrpc(check.getGrpc());
		definition.setGrpcUseTls(check.getGrpcUseTLS());
		if (check instanceof NamedServerCheck named) {
			definition.setTlsServerName(named.tlsServerName);
		}
		return definition;
	}

	@Nullable
	private static NewService.Check write(@Nullable CheckDefinition definition) {
		if (definition == null) {
			return null;
		}
		NewService.Check check = (definition.getTlsServerName() != null)
				? new NamedServerCheck(definition.getTlsServerName()) : new NewService.Check();
		check.setDockerContainerID(definition.getDockerContainerId());
		check.setShell(definition.getShell());
		check.setInterval(definition.getInterval());
		check.setTtl(definition.getTtl());
		check.setHttp(definition.getHttp());
		check.setMethod(definition.getMethod());
		check.setHeader(definition.getHeader());
		check.setTcp(definition.getTcp());
		check.setTimeout(definition.getTimeout());
		check.setDeregisterCriticalServiceAfter(definition.getDeregisterCriticalServiceAfter());
		check.setTlsSkipVerify(definition.getTlsSkipVerify());
		check.setStatus(definition.getStatus());
		check.setGrpc(definition.getGrpc());
		check.setGrpcUseTLS(definition.getGrpcUseTls());
		return check;
	}

	/**
	 * A check with Consul's {@code TLSServerName}, which consul-api's model lacks; Gson
	 * writes the fields of the runtime type, so it reaches the agent with the rest.
	 */
	static final class NamedServerCheck extends NewService.Check {

		@SerializedName("TLSServerName")
		private final String tlsServerName;

		NamedServerCheck(String tlsServerName) {
			this.tlsServerName = tlsServerName;
		}

	}

}
