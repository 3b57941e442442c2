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

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Consul's ACLs with {@code default_policy=deny}, as a client sees them: the token in any
 * of Consul's three places, an unknown token refused with {@code ACL not found}, the
 * anonymous token refused writes and shown empty lists. Against the dev agent with an ACL
 * token, or a real agent when {@code CONSUL_HTTP_ADDR} and {@code CONSUL_HTTP_TOKEN} (a
 * management token) are set.
 *
 * @author health-grpc authors
 */
class ConsulAclContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension(
			ConsulDevAgent.builder().aclToken("c0ffee00-0000-4000-8000-000000000001"));

	private final String name = "acl-" + UUID.randomUUID().toString().substring(0, 8);

	private ConsulHttp http;

	private String token;

	@BeforeEach
	void connect() {
		assumeTrue(consul.endpoint().aclToken().isPresent(), "a real agent needs CONSUL_HTTP_TOKEN for these tests");
		this.http = new ConsulHttp(consul.endpoint());
		this.token = consul.endpoint().aclToken().get();
	}

	@AfterEach
	void deregister() {
		if (this.http != null) {
			this.http.put("/v1/agent/service/deregister/" + this.name + "-1", "", "X-Consul-Token", this.token);
		}
	}

	@Test
	void theTokenIsReadFromTheQueryTheConsulHeaderOrABearerAuthorization() {
		assertThat(this.http.put("/v1/agent/service/register?token=" + this.token, registration()).status())
			.isEqualTo(200);
		assertThat(this.http.get("/v1/agent/service/" + this.name + "-1", "X-Consul-Token", this.token).status())
			.isEqualTo(200);
		assertThat(this.http.get("/v1/agent/service/" + this.name + "-1", "Authorization", "Bearer " + this.token)
			.status()).isEqualTo(200);
		// consul-api sends an empty ?token= by default: the header still counts
		assertThat(this.http.get("/v1/health/service/" + this.name + "?token=", "X-Consul-Token", this.token).json())
			.hasSize(1);
		// the query parameter wins over the header
		assertThat(this.http.get("/v1/agent/service/" + this.name + "-1?token=wrong", "X-Consul-Token", this.token)
			.status()).isEqualTo(403);
	}

	@Test
	void anUnknownTokenIsRefusedWithAclNotFound() {
		ConsulHttp.Answer register = this.http.put("/v1/agent/service/register", registration(), "X-Consul-Token",
				"d00dfeed-0000-4000-8000-000000000002");
		assertThat(register.status()).isEqualTo(403);
		assertThat(register.body()).isEqualTo("ACL not found");
		ConsulHttp.Answer read = this.http.get("/v1/health/service/" + this.name, "Authorization",
				"Bearer d00dfeed-0000-4000-8000-000000000002");
		assertThat(read.status()).isEqualTo(403);
		assertThat(read.body()).isEqualTo("ACL not found");
	}

	@Test
	void withoutATokenWritesAreDeniedAndListsComeBackEmpty() {
		ConsulHttp.Answer register = this.http.put("/v1/agent/service/register", registration());
		assertThat(register.status()).isEqualTo(403);
		assertThat(register.body()).startsWith("Permission denied")
			.contains("'service:write'")
			.contains("\"" + this.name + "\"");
		this.http.put("/v1/agent/service/register", registration(), "X-Consul-Token", this.token);
		assertThat(this.http.put("/v1/agent/check/pass/service:" + this.name + "-1", "").body())
			.startsWith("Permission denied");
		assertThat(this.http.put("/v1/agent/service/maintenance/" + this.name + "-1?enable=true", "").status())
			.isEqualTo(403);
		assertThat(this.http.put("/v1/agent/service/deregister/" + this.name + "-1", "").status()).isEqualTo(403);
		// an unknown instance is 404 even without a token: the token is vetted against an
		// existing one
		assertThat(this.http.put("/v1/agent/service/deregister/" + this.name + "-none", "").status()).isEqualTo(404);
		ConsulHttp.Answer health = this.http.get("/v1/health/service/" + this.name);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().isArray()).isTrue();
		assertThat(health.json()).isEmpty();
		assertThat(health.index()).isPositive();
		assertThat(this.http.get("/v1/catalog/services").json().isObject()).isTrue();
		assertThat(this.http.get("/v1/catalog/services").json().has(this.name)).isFalse();
		assertThat(this.http.get("/v1/agent/checks").json().has("service:" + this.name + "-1")).isFalse();
		assertThat(this.http.get("/v1/catalog/services", "X-Consul-Token", this.token).json().has(this.name)).isTrue();
		assertThat(this.http.get("/v1/agent/services").json().has(this.name + "-1")).isFalse();
		assertThat(this.http.get("/v1/agent/service/" + this.name + "-1").body()).startsWith("Permission denied")
			.contains("'service:read'");
		assertThat(this.http.get("/v1/agent/self").status()).isEqualTo(403);
		// the leader needs no token: Spring's health indicator asks without one
		assertThat(this.http.get("/v1/status/leader").status()).isEqualTo(200);
	}

	private String registration() {
		return "{\"ID\":\"" + this.name + "-1\",\"Name\":\"" + this.name + "\",\"Port\":1,\"Check\":{\"TTL\":\"30s\"}}";
	}

}
