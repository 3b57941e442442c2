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

package io.github.healthgrpc.test.consul;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.OperationException;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.agent.model.NewService;
import com.ecwid.consul.v1.health.HealthServicesRequest;
import com.ecwid.consul.v1.health.model.HealthService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * consul-api 1.4.5, the client Spring Cloud Consul 4.3 uses, against the agent: every
 * call Spring makes, as Spring makes it (an empty token, text/plain JSON, exactly 200).
 *
 * @author health-grpc authors
 */
class ConsulApiClientTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	@Test
	void registerDiscoverAndDeregisterAsSpringDoes() {
		ConsulClient client = new ConsulClient(consul.endpoint().host(), consul.endpoint().port());
		String name = "api-" + UUID.randomUUID().toString().substring(0, 8);
		NewService service = new NewService();
		service.setId(name + "-1");
		service.setName(name);
		service.setAddress("127.0.0.1");
		service.setPort(7070);
		service.setTags(List.of("grpc"));
		service.setMeta(Map.of("gRPC_port", "7070", "secure", "false"));
		NewService.Check check = new NewService.Check();
		check.setTtl("30s");
		service.setCheck(check);
		client.agentServiceRegister(service, "");
		try {
			Response<Map<String, List<String>>> catalog = client.getCatalogServices(
					com.ecwid.consul.v1.catalog.CatalogServicesRequest.newBuilder().setToken("").build());
			assertThat(catalog.getValue()).containsKey(name);
			assertThat(catalog.getConsulIndex()).isPositive();
			assertThat(catalog.isConsulKnownLeader()).isTrue();
			assertThat(passing(client, name)).isEmpty();
			client.agentCheckPass("service:" + name + "-1", null, "");
			List<HealthService> passing = passing(client, name);
			assertThat(passing).singleElement().satisfies((instance) -> {
				assertThat(instance.getService().getMeta()).containsEntry("gRPC_port", "7070");
				assertThat(instance.getService().getAddress()).isEqualTo("127.0.0.1");
				assertThat(instance.getNode().getAddress()).isEqualTo("127.0.0.1");
				assertThat(instance.getChecks()).allSatisfy((c) -> assertThat(c.getServiceId()).isNotNull());
			});
			// a blocking catalog read, as Spring's catalog watch does
			Response<Map<String, List<String>>> blocked = client
				.getCatalogServices(com.ecwid.consul.v1.catalog.CatalogServicesRequest.newBuilder()
					.setQueryParams(new QueryParams(1, catalog.getConsulIndex()))
					.build());
			assertThat(blocked.getConsulIndex()).isEqualTo(catalog.getConsulIndex());
			assertThat(client.getStatusLeader().getValue()).isNotEmpty();
		}
		finally {
			client.agentServiceDeregister(name + "-1", "");
		}
		assertThatExceptionOfType(OperationException.class)
			.isThrownBy(() -> client.agentServiceDeregister(name + "-1", ""))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	private static List<HealthService> passing(ConsulClient client, String name) {
		return client.getHealthServices(name, HealthServicesRequest.newBuilder().setPassing(true).setToken("").build())
			.getValue();
	}

}
