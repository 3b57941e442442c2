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

package io.github.healthgrpc.consul;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServiceDefinition}: the body the agent gets.
 *
 * @author health-grpc authors
 */
class ServiceDefinitionTests {

	@Test
	void writesConsulsFieldNamesAndLeavesUnsetFieldsOut() {
		ServiceDefinition service = new ServiceDefinition();
		service.setId("shop-127-0-0-1-9090");
		service.setName("shop");
		service.setAddress("127.0.0.1");
		service.setPort(9090);
		service.setTags(List.of("grpc"));
		service.setMeta(Map.of("gRPC_port", "9090"));
		service.setCheck(new GrpcHealthCheck("", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(10),
				true, "shop.internal", false)
			.toCheck("127.0.0.1", 9090));
		JsonObject json = JsonParser.parseString(service.toJson()).getAsJsonObject();
		assertThat(json.keySet()).containsExactlyInAnyOrder("ID", "Name", "Address", "Port", "Tags", "Meta", "Check");
		JsonObject check = json.getAsJsonObject("Check");
		assertThat(check.keySet()).containsExactlyInAnyOrder("GRPC", "GRPCUseTLS", "TLSServerName", "Interval",
				"Timeout", "DeregisterCriticalServiceAfter");
		assertThat(check.get("GRPC").getAsString()).isEqualTo("127.0.0.1:9090");
		assertThat(check.get("TLSServerName").getAsString()).isEqualTo("shop.internal");
		assertThat(check.get("DeregisterCriticalServiceAfter").getAsString()).isEqualTo("600s");
	}

	@Test
	void aPlaintextCheckNamesNoTlsServer() {
		CheckDefinition check = new GrpcHealthCheck("", Duration.ofSeconds(10), Duration.ofSeconds(2), null, false,
				"shop.internal", false)
			.toCheck("127.0.0.1", 9090);
		assertThat(check.getTlsServerName()).isNull();
		assertThat(check.getDeregisterCriticalServiceAfter()).isNull();
	}

	@Test
	void instanceIdsAreMadeFitForDnsAsSpringCloudConsulMakesItsOwn() {
		assertThat(GrpcServiceRegistration.forDns("shop-::1-9090")).isEqualTo("shop-1-9090");
		assertThat(GrpcServiceRegistration.forDns("shop-10.0.0.7-9090")).isEqualTo("shop-10-0-0-7-9090");
	}

}
