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

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Consul's HTTP server puts on the wire, beyond the bodies: 405 with its reason and
 * an {@code Allow} header, header names in Go's canonical case, {@code X-Consul-Index}
 * only where Consul indexes, Consul's defaults for {@code wait}, and hash-based blocking
 * on {@code /v1/agent/service/<id>}. Against the dev agent, or a real agent when
 * {@code CONSUL_HTTP_ADDR} is set.
 *
 * @author health-grpc authors
 */
class ConsulHttpWireContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	private final String name = "wire-" + UUID.randomUUID().toString().substring(0, 8);

	private ConsulHttp http;

	@BeforeEach
	void connect() {
		this.http = new ConsulHttp(consul.endpoint());
	}

	@AfterEach
	void deregister() {
		this.http.put("/v1/agent/service/deregister/" + this.name + "-1", "");
	}

	@Test
	void aWrongMethodIs405WithConsulsReasonAndAnAllowHeader() {
		ConsulHttp.Answer post = this.http.method("POST", "/v1/agent/service/register");
		assertThat(post.status()).isEqualTo(405);
		assertThat(post.body()).isEqualTo("method POST not allowed");
		assertThat(post.response().headers().firstValue("Allow")).hasValue("OPTIONS,PUT");
		ConsulHttp.Answer put = this.http.method("PUT", "/v1/health/service/" + this.name);
		assertThat(put.body()).isEqualTo("method PUT not allowed");
		assertThat(put.response().headers().firstValue("Allow")).hasValue("OPTIONS,GET");
		ConsulHttp.Answer options = this.http.method("OPTIONS", "/v1/catalog/services");
		assertThat(options.status()).isEqualTo(200);
		assertThat(options.body()).isEmpty();
		assertThat(options.response().headers().firstValue("Allow")).hasValue("OPTIONS,GET");
	}

	@Test
	void headerNamesAreInGosCanonicalCaseAndOnlyIndexedReadsCarryAnIndex() {
		register("\"Tags\":[\"a\"]");
		try (RawHttp raw = new RawHttp(consul.endpoint())) {
			String catalog = raw.get("/v1/catalog/services").read().head();
			assertThat(catalog).contains("\r\nX-Consul-Index: ")
				.contains("\r\nX-Consul-Knownleader: true\r\n")
				.contains("\r\nX-Consul-Lastcontact: ")
				.contains("\r\nContent-Type: application/json\r\n");
			String health = raw.get("/v1/health/service/" + this.name).read().head();
			assertThat(health).contains("\r\nX-Consul-Index: ");
			// the agent's own endpoints are not indexed
			for (String path : new String[] { "/v1/agent/services", "/v1/agent/checks",
					"/v1/agent/service/" + this.name + "-1", "/v1/status/leader" }) {
				assertThat(raw.get(path).read().head().toLowerCase()).as(path).doesNotContain("x-consul-index");
			}
			assertThat(raw.get("/v1/agent/service/" + this.name + "-1").read().head())
				.contains("\r\nX-Consul-Contenthash: ");
		}
	}

	@Test
	void aWaitOfZeroOrLessIsConsulsDefaultNotNoWaitAtAll() throws Exception {
		long index = this.http.get("/v1/health/service/" + this.name).index();
		CompletableFuture<ConsulHttp.Answer> zero = CompletableFuture
			.supplyAsync(() -> this.http.get("/v1/health/service/" + this.name + "?index=" + index + "&wait=0s"));
		CompletableFuture<ConsulHttp.Answer> negative = CompletableFuture
			.supplyAsync(() -> this.http.get("/v1/health/service/" + this.name + "?index=" + index + "&wait=-5s"));
		// a query of one second times out unchanged: the other two are still held then
		ConsulHttp.Answer second = this.http.get("/v1/health/service/" + this.name + "?index=" + index + "&wait=1s");
		assertThat(second.index()).isEqualTo(index);
		assertThat(zero).isNotDone();
		assertThat(negative).isNotDone();
		register("");
		assertThat(zero.get(10, TimeUnit.SECONDS).index()).isGreaterThan(index);
		assertThat(negative.get(10, TimeUnit.SECONDS).index()).isGreaterThan(index);
	}

	@Test
	void anAgentServiceQueryWithAHashIsHeldUntilTheServiceChanges() throws Exception {
		register("\"Tags\":[\"a\"]");
		String path = "/v1/agent/service/" + this.name + "-1";
		ConsulHttp.Answer first = this.http.get(path);
		String hash = first.json().get("ContentHash").asText();
		assertThat(hash).isNotEmpty();
		assertThat(first.response().headers().firstValue("X-Consul-ContentHash")).hasValue(hash);
		// another hash answers at once
		assertThat(this.http.get(path + "?hash=0&wait=30s").json().get("ContentHash").asText()).isEqualTo(hash);
		CompletableFuture<ConsulHttp.Answer> held = CompletableFuture
			.supplyAsync(() -> this.http.get(path + "?hash=" + hash + "&wait=30s"));
		// an unchanged registration and a one-second hash query that times out leave it
		// held
		register("\"Tags\":[\"a\"]");
		ConsulHttp.Answer timedOut = this.http.get(path + "?hash=" + hash + "&wait=1s");
		assertThat(timedOut.json().get("ContentHash").asText()).isEqualTo(hash);
		assertThat(held).isNotDone();
		register("\"Tags\":[\"b\"]");
		JsonNode changed = held.get(10, TimeUnit.SECONDS).json();
		assertThat(changed.get("Tags").get(0).asText()).isEqualTo("b");
		assertThat(changed.get("ContentHash").asText()).isNotEqualTo(hash);
	}

	@Test
	void unknownPathsAreConsuls404() {
		ConsulHttp.Answer unknown = this.http.get("/v1/agent/nothing-here");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("Invalid URL path: not a recognized HTTP API endpoint\n");
		assertThat(this.http.get("/nothing").body())
			.isEqualTo("Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n");
	}

	private void register(String extra) {
		String body = "{\"ID\":\"" + this.name + "-1\",\"Name\":\"" + this.name + "\""
				+ (extra.isEmpty() ? "" : "," + extra) + ",\"Port\":1}";
		assertThat(this.http.put("/v1/agent/service/register", body).status()).isEqualTo(200);
	}

}
