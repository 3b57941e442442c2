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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a registration carries: the gRPC port in net.devh's metadata key, the address the
 * server is bound to, a unique id, and the GRPC check in place of (or next to) Spring's
 * HTTP check.
 *
 * @author health-grpc authors
 */
class GrpcServiceRegistrationTests {

	private static final GrpcHealthCheck CHECK = new GrpcHealthCheck("", Duration.ofSeconds(5), Duration.ofSeconds(2),
			null, false);

	@Test
	void theCheckCallsHealthCheckOnHostAndPortOrOnAService() {
		CheckDefinition overall = CHECK.toCheck("10.0.0.1", 9090);
		assertThat(overall.getGrpc()).isEqualTo("10.0.0.1:9090");
		assertThat(overall.getGrpcUseTls()).isFalse();
		assertThat(overall.getInterval()).isEqualTo("5s");
		assertThat(overall.getTimeout()).isEqualTo("2s");
		assertThat(overall.getDeregisterCriticalServiceAfter()).isNull();
		CheckDefinition named = new GrpcHealthCheck("shop.Cart", Duration.ofMillis(1500), Duration.ofMillis(250),
				Duration.ofMinutes(2), true)
			.toCheck("::1", 7000);
		assertThat(named.getGrpc()).isEqualTo("[::1]:7000/shop.Cart");
		assertThat(named.getGrpcUseTls()).isTrue();
		assertThat(named.getInterval()).isEqualTo("1500ms");
		assertThat(named.getTimeout()).isEqualTo("250ms");
		assertThat(named.getDeregisterCriticalServiceAfter()).isEqualTo("120s");
	}

	@Test
	void aCheckNeedsPositiveTimes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GrpcHealthCheck("", Duration.ZERO, Duration.ofSeconds(1), null, false))
			.withMessageContaining("interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GrpcHealthCheck("", Duration.ofSeconds(1), Duration.ofSeconds(-1), null, false))
			.withMessageContaining("timeout");
	}

	@Test
	void theGrpcPortGoesIntoTheMetadataMapInPlace() {
		ServiceDefinition service = service();
		Map<String, String> meta = service.getMeta();
		new GrpcServiceRegistration(CHECK, false, false).apply(service, "*", 9090);
		// net.devh adds its own entry to this very map later: it must stay the same,
		// mutable map
		assertThat(service.getMeta()).isSameAs(meta)
			.containsEntry("gRPC_port", "9090")
			.containsEntry("secure", "false");
		ServiceDefinition noMeta = service();
		noMeta.setMeta(null);
		new GrpcServiceRegistration(CHECK, false, false).apply(noMeta, "*", 9090);
		noMeta.getMeta().put("added-later", "x");
		assertThat(noMeta.getMeta()).containsEntry("gRPC_port", "9090");
	}

	@Test
	void aSpecificBoundAddressIsRegisteredAndChecked() {
		ServiceDefinition service = service();
		new GrpcServiceRegistration(CHECK, false, false).apply(service, "127.0.0.1", 9090);
		assertThat(service.getAddress()).isEqualTo("127.0.0.1");
		assertThat(service.getCheck().getGrpc()).isEqualTo("127.0.0.1:9090");
	}

	@Test
	void aWildcardKeepsSpringCloudConsulsAddress() {
		for (String wildcard : List.of("*", "0.0.0.0", "::", "[::]", " * ", "::0", "0:0::0", "0:0:0:0:0:0:0:0",
				"[0::0]", "", "::ffff:0.0.0.0")) {
			ServiceDefinition service = service();
			new GrpcServiceRegistration(CHECK, false, false).apply(service, wildcard, 9090);
			assertThat(service.getAddress()).as(wildcard).isEqualTo("192.0.2.7");
			assertThat(service.getCheck().getGrpc()).as(wildcard).isEqualTo("192.0.2.7:9090");
		}
		assertThat(GrpcServiceRegistration.isSpecific(null)).isFalse();
		assertThat(GrpcServiceRegistration.isSpecific("10.1.2.3")).isTrue();
		assertThat(GrpcServiceRegistration.isSpecific("::1")).isTrue();
		assertThat(GrpcServiceRegistration.isSpecific("[fe80::1]")).isTrue();
		// a host name is never looked up, and names one host
		assertThat(GrpcServiceRegistration.isSpecific("shop.internal")).isTrue();
	}

	@Test
	void theTlsSettingsReachTheAgentsJsonAsConsulNamesThem() {
		GrpcHealthCheck named = new GrpcHealthCheck("", Duration.ofSeconds(5), Duration.ofSeconds(2),
				Duration.ofMinutes(10), true, " shop.internal ", true);
		ServiceDefinition service = service();
		new GrpcServiceRegistration(named, false, false).apply(service, "10.0.0.7", 9090);
		// serialized as consul-api serializes what Spring Cloud Consul registers
		String json = new Gson().toJson(service);
		assertThat(json).contains("\"GRPC\":\"10.0.0.7:9090\"", "\"GRPCUseTLS\":true", "\"TLSSkipVerify\":true",
				"\"TLSServerName\":\"shop.internal\"", "\"DeregisterCriticalServiceAfter\":\"600s\"");
		ServiceDefinition kept = service();
		new GrpcServiceRegistration(named, true, false).apply(kept, "10.0.0.7", 9090);
		assertThat(new Gson().toJson(kept)).contains("\"TLSServerName\":\"shop.internal\"");
		// without TLS they mean nothing to Consul: not sent
		GrpcHealthCheck plain = new GrpcHealthCheck("", Duration.ofSeconds(5), Duration.ofSeconds(2), null, false,
				"shop.internal", true);
		CheckDefinition check = plain.toCheck("10.0.0.7", 9090);
		assertThat(new Gson().toJson(check)).doesNotContain("TLSServerName", "TLSSkipVerify");
		assertThat(new GrpcHealthCheck("", Duration.ofSeconds(5), Duration.ofSeconds(2), null, true, " ", false)
			.tlsServerName()).isNull();
	}

	@Test
	void theUniqueIdNamesServiceAddressAndPort() {
		ServiceDefinition service = service();
		new GrpcServiceRegistration(CHECK, false, true).apply(service, "127.0.0.1", 9090);
		assertThat(service.getId()).isEqualTo("greeter-127-0-0-1-9090");
		ServiceDefinition kept = service();
		new GrpcServiceRegistration(CHECK, false, false).apply(kept, "127.0.0.1", 9090);
		assertThat(kept.getId()).isEqualTo("greeter-0");
	}

	@Test
	void theGrpcCheckReplacesSpringsCheckByDefault() {
		ServiceDefinition service = service();
		CheckDefinition http = new CheckDefinition();
		http.setHttp("http://192.0.2.7:8080/actuator/health");
		service.setCheck(http);
		new GrpcServiceRegistration(CHECK, false, false).apply(service, "*", 9090);
		assertThat(service.getCheck().getGrpc()).isEqualTo("192.0.2.7:9090");
		assertThat(service.getCheck().getHttp()).isNull();
		assertThat(service.getChecks()).isNull();
	}

	@Test
	void keepingTheHttpCheckPutsTheGrpcCheckNextToIt() {
		ServiceDefinition service = service();
		CheckDefinition http = new CheckDefinition();
		http.setHttp("http://192.0.2.7:8080/actuator/health");
		service.setCheck(http);
		new GrpcServiceRegistration(CHECK, true, false).apply(service, "*", 9090);
		assertThat(service.getCheck()).isSameAs(http);
		assertThat(service.getChecks()).extracting(CheckDefinition::getGrpc).containsExactly("192.0.2.7:9090");
	}

	@Test
	void theRulesTellTheirCheck() {
		assertThat(new GrpcServiceRegistration(CHECK, false, true).check()).isSameAs(CHECK);
		assertThat(new GrpcServiceRegistration(null, false, true).check()).isNull();
	}

	@Test
	void noCheckLeavesTheChecksAlone() {
		ServiceDefinition service = service();
		new GrpcServiceRegistration(null, false, false).apply(service, "*", 9090);
		assertThat(service.getCheck()).isNull();
		assertThat(service.getChecks()).isNull();
		assertThat(service.getMeta()).containsEntry("gRPC_port", "9090");
	}

	@Test
	void applyingTwiceGivesTheSameRegistration() {
		ServiceDefinition service = service();
		GrpcServiceRegistration rules = new GrpcServiceRegistration(CHECK, true, true);
		rules.apply(service, "127.0.0.1", 9090);
		String first = new Gson().toJson(service);
		rules.apply(service, "127.0.0.1", 9090);
		assertThat(new Gson().toJson(service)).isEqualTo(first);
	}

	@Test
	void thePortMustBeReal() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GrpcServiceRegistration(CHECK, false, false).apply(service(), "*", 0));
	}

	private static ServiceDefinition service() {
		ServiceDefinition service = new ServiceDefinition();
		service.setId("greeter-0");
		service.setName("greeter");
		service.setAddress("192.0.2.7");
		service.setTags(new ArrayList<>());
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("secure", "false");
		service.setMeta(meta);
		return service;
	}

}
