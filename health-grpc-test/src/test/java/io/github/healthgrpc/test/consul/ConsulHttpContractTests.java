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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consul's documented HTTP behaviour on the subset the dev agent implements, pinned.
 * These tests run against the dev agent, or against a real agent when
 * {@code CONSUL_HTTP_ADDR} is set: the double is right where both pass.
 *
 * @author health-grpc authors
 */
class ConsulHttpContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	private final List<String> registered = new ArrayList<>();

	private final String name = "contract-" + UUID.randomUUID().toString().substring(0, 8);

	private ConsulHttp http;

	@BeforeEach
	void connect() {
		this.http = new ConsulHttp(consul.endpoint());
	}

	@AfterEach
	void deregister() {
		this.registered.forEach((id) -> this.http.put("/v1/agent/service/deregister/" + id, ""));
	}

	@Test
	void aRegistrationIsAnsweredWithAnEmpty200AndListedWithItsCheckCritical() {
		ConsulHttp.Answer answer = register("a", ttlCheck("30s"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEmpty();
		JsonNode entries = this.http.get("/v1/health/service/" + this.name + "?passing=false&token=").json();
		assertThat(entries).hasSize(1);
		JsonNode entry = entries.get(0);
		assertThat(entry.at("/Service/ID").asText()).isEqualTo(this.name + "-a");
		assertThat(entry.at("/Service/Meta/gRPC_port").asText()).isEqualTo("9090");
		assertThat(entry.at("/Service/Port").asInt()).isEqualTo(9090);
		JsonNode check = check(entry, "service:" + this.name + "-a");
		assertThat(check.get("Status").asText()).isEqualTo("critical");
		assertThat(check.get("Name").asText()).isEqualTo("Service '" + this.name + "' check");
		assertThat(check.get("ServiceTags").isArray()).isTrue();
	}

	@Test
	void passingTrueListsOnlyInstancesWhoseChecksAllPass() {
		register("a", ttlCheck("30s"));
		register("b", ttlCheck("30s"));
		assertThat(passingIds()).isEmpty();
		assertThat(this.http.put("/v1/agent/check/pass/service:" + this.name + "-a?token=", "").status())
			.isEqualTo(200);
		assertThat(passingIds()).containsExactly(this.name + "-a");
		// an empty value means true; so does a bare parameter
		assertThat(this.http.get("/v1/health/service/" + this.name + "?passing=").json()).hasSize(1);
		assertThat(this.http.get("/v1/health/service/" + this.name + "?passing").json()).hasSize(1);
		this.http.put("/v1/agent/check/warn/service:" + this.name + "-a", "");
		assertThat(passingIds()).isEmpty();
		assertThat(this.http.get("/v1/health/service/" + this.name + "?passing=maybe").status()).isEqualTo(400);
	}

	@Test
	void theCatalogTheChecksAndTheAgentAnswerInConsulsShapes() {
		register("a", "\"Tags\":[\"t\"],", "{\"TCP\":\"127.0.0.1:1\",\"Interval\":\"30s\",\"Timeout\":\"2s\"}");
		register("b", ttlCheck("30s"));
		// another service's instance stays out of this one's answers
		assertThat(this.http
			.put("/v1/agent/service/register",
					"{\"ID\":\"" + this.name + "-other\",\"Name\":\"" + this.name
							+ "-other\",\"Check\":{\"TTL\":\"30s\"}}")
			.status()).isEqualTo(200);
		this.registered.add(this.name + "-other");
		JsonNode catalog = this.http.get("/v1/catalog/service/" + this.name).json();
		assertThat(catalog).hasSize(2);
		JsonNode entry = catalog.get(0).get("ServiceID").asText().endsWith("-a") ? catalog.get(0) : catalog.get(1);
		assertThat(entry.get("ServiceName").asText()).isEqualTo(this.name);
		assertThat(entry.get("ServicePort").asInt()).isEqualTo(9090);
		assertThat(entry.get("ServiceTags").get(0).asText()).isEqualTo("t");
		assertThat(entry.get("ServiceMeta").get("gRPC_port").asText()).isEqualTo("9090");
		assertThat(entry.get("Address").asText()).isNotEmpty();
		// the index of what changed, past Consul's first write
		assertThat(this.http.get("/v1/catalog/service/" + this.name).index()).isGreaterThan(1);
		assertThat(this.http.get("/v1/health/checks/" + this.name).index()).isGreaterThan(1);
		JsonNode checks = this.http.get("/v1/health/checks/" + this.name).json();
		assertThat(checks).extracting((check) -> check.get("CheckID").asText())
			.containsExactlyInAnyOrder("service:" + this.name + "-a", "service:" + this.name + "-b");
		JsonNode tcp = check(this.http.get("/v1/health/service/" + this.name + "?tag=t").json().get(0),
				"service:" + this.name + "-a");
		assertThat(tcp.get("Type").asText()).isEqualTo("tcp");
		assertThat(tcp.get("Interval").asText()).isEqualTo("30s");
		assertThat(tcp.get("Timeout").asText()).isEqualTo("2s");
		JsonNode ttl = this.http.get("/v1/agent/checks").json().get("service:" + this.name + "-b");
		assertThat(ttl.get("Type").asText()).isEqualTo("ttl");
		assertThat(ttl.has("Interval")).isFalse();
		JsonNode node = this.http.get("/v1/health/service/" + this.name + "?tag=t").json().get(0).get("Node");
		assertThat(node.get("Node").asText()).isNotEmpty();
		assertThat(node.get("TaggedAddresses").get("lan").asText()).isNotEmpty();
		JsonNode services = this.http.get("/v1/agent/services").json();
		assertThat(services.get(this.name + "-a").get("Service").asText()).isEqualTo(this.name);
		assertThat(services.get(this.name + "-a").get("Port").asInt()).isEqualTo(9090);
		JsonNode self = this.http.get("/v1/agent/self").json();
		assertThat(self.get("Config").get("NodeName").asText()).isNotEmpty();
		assertThat(this.http.get("/v1/status/peers").json().get(0).asText()).contains(":");
	}

	@Test
	void aServiceNobodyRegisteredIsAnEmptyListWithAnIndex() {
		ConsulHttp.Answer answer = this.http.get("/v1/health/service/" + this.name + "-none?passing=true");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json()).isEmpty();
		assertThat(answer.index()).isPositive();
		assertThat(answer.response().headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
	}

	@Test
	void tagsMustAllMatchWhateverTheirCase() {
		register("a", "\"Tags\":[\"blue\",\"Green\"],", ttlCheck("30s"));
		register("b", "\"Tags\":[\"blue\"],", ttlCheck("30s"));
		assertThat(this.http.get("/v1/health/service/" + this.name + "?tag=BLUE&tag=green").json()).hasSize(1);
		assertThat(this.http.get("/v1/health/service/" + this.name + "?tag=blue").json()).hasSize(2);
		JsonNode catalog = this.http.get("/v1/catalog/services").json();
		assertThat(catalog.has("consul")).isTrue();
		// Consul answers its tags in the order of a Go map: any order
		List<String> tags = new ArrayList<>();
		catalog.get(this.name).forEach((tag) -> tags.add(tag.asText()));
		assertThat(tags).containsExactlyInAnyOrder("Green", "blue");
	}

	@Test
	void aCheckChangeMovesTheServicesIndexButNotTheCatalogsIndex() {
		register("a", ttlCheck("30s"));
		long catalogIndex = this.http.get("/v1/catalog/services").index();
		long serviceIndex = this.http.get("/v1/health/service/" + this.name).index();
		this.http.put("/v1/agent/check/pass/service:" + this.name + "-a", "");
		// the trap clients must know: a blocking catalog query does not wake up
		ConsulHttp.Answer catalog = this.http.get("/v1/catalog/services?wait=1s&index=" + catalogIndex);
		assertThat(catalog.index()).isEqualTo(catalogIndex);
		ConsulHttp.Answer service = this.http.get("/v1/health/service/" + this.name + "?wait=5s&index=" + serviceIndex);
		assertThat(service.index()).isGreaterThan(serviceIndex);
	}

	@Test
	void aBlockingQueryReturnsAsSoonAsItsIndexMoves() throws Exception {
		long index = this.http.get("/v1/catalog/services").index();
		long started = System.nanoTime();
		Thread registrar = new Thread(() -> {
			sleepQuietly(300);
			register("a", ttlCheck("30s"));
		});
		registrar.start();
		ConsulHttp.Answer answer = this.http.get("/v1/catalog/services?wait=20s&index=" + index);
		registrar.join(5000);
		assertThat(answer.index()).isGreaterThan(index);
		assertThat(answer.json().has(this.name)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void anIdenticalReRegistrationChangesNothingAndAChangedOneKeepsItsChecksStatus() {
		register("a", ttlCheck("30s"));
		this.http.put("/v1/agent/check/pass/service:" + this.name + "-a", "");
		long index = this.http.get("/v1/catalog/services").index();
		register("a", ttlCheck("30s"));
		assertThat(this.http.get("/v1/catalog/services").index()).isEqualTo(index);
		register("a", "\"Tags\":[\"new\"],", ttlCheck("30s"));
		assertThat(this.http.get("/v1/catalog/services").index()).isGreaterThan(index);
		assertThat(passingIds()).containsExactly(this.name + "-a");
	}

	@Test
	void badRegistrationsAreRefusedWithConsulsReasons() {
		assertThat(rawRegister("{\"Name\":\"" + this.name + "\",\"Unknown\":1}"))
			.satisfies((answer) -> assertThat(answer.status()).isEqualTo(400))
			.satisfies((answer) -> assertThat(answer.body()).startsWith("Request decode failed"));
		assertThat(rawRegister("{\"ID\":\"x\"}").body()).isEqualTo("Missing service name");
		assertThat(rawRegister("{\"Name\":\"" + this.name + "\",\"Meta\":{\"gRPC.port\":\"1\"}}").body())
			.startsWith("Invalid Service Meta");
		assertThat(rawRegister("{\"Name\":\"" + this.name + "\",\"Check\":{\"GRPC\":\"127.0.0.1:1\"}}").body())
			.isEqualTo("Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks");
		assertThat(
				rawRegister("{\"Name\":\"" + this.name + "\",\"Check\":{\"TTL\":\"5s\",\"Interval\":\"5s\"}}").body())
			.isEqualTo("Invalid check: Interval and TTL cannot both be specified");
		assertThat(
				rawRegister("{\"Name\":\"" + this.name + "\",\"Check\":{\"TTL\":\"5s\",\"Status\":\"fine\"}}").status())
			.isEqualTo(400);
		assertThat(rawRegister("not json").status()).isEqualTo(400);
		assertThat(rawRegister("").status()).isEqualTo(400);
	}

	@Test
	void namesAndCheckFieldsMatchWhateverTheirCaseAndSnakeCase() {
		String body = "{\"id\":\"" + this.name + "-a\",\"name\":\"" + this.name
				+ "\",\"check\":{\"ttl\":\"30s\",\"status\":\"passing\",\"deregister_critical_service_after\":\"1m\"}}";
		assertThat(rawRegister(body).status()).isEqualTo(200);
		this.registered.add(this.name + "-a");
		assertThat(passingIds()).containsExactly(this.name + "-a");
	}

	@Test
	void unknownIdsAre404AndAPassOnAnOtherCheckIs500() {
		assertThat(this.http.put("/v1/agent/service/deregister/" + this.name + "-none", ""))
			.satisfies((answer) -> assertThat(answer.status()).isEqualTo(404))
			.satisfies((answer) -> assertThat(answer.body()).contains("Unknown service ID"));
		assertThat(this.http.put("/v1/agent/check/pass/service:" + this.name + "-none", ""))
			.satisfies((answer) -> assertThat(answer.status()).isEqualTo(404))
			.satisfies((answer) -> assertThat(answer.body()).contains("Unknown check ID"));
		register("a", "{\"TCP\":\"127.0.0.1:1\",\"Interval\":\"30s\"}");
		assertThat(this.http.put("/v1/agent/check/pass/service:" + this.name + "-a", ""))
			.satisfies((answer) -> assertThat(answer.status()).isEqualTo(500))
			.satisfies((answer) -> assertThat(answer.body()).contains("does not have associated TTL"));
	}

	@Test
	void deregistrationRemovesTheServiceAndItsChecks() {
		register("a", ttlCheck("30s"));
		long index = this.http.get("/v1/catalog/services").index();
		assertThat(this.http.put("/v1/agent/service/deregister/" + this.name + "-a?token=", "").status())
			.isEqualTo(200);
		this.registered.clear();
		assertThat(this.http.get("/v1/health/service/" + this.name).json()).isEmpty();
		assertThat(this.http.get("/v1/agent/checks").json().has("service:" + this.name + "-a")).isFalse();
		assertThat(this.http.get("/v1/catalog/services").index()).isGreaterThan(index);
		assertThat(this.http.get("/v1/agent/service/" + this.name + "-a").status()).isEqualTo(404);
	}

	@Test
	void maintenanceAddsACriticalCheckWithTheReasonUntilItIsDisabled() throws Exception {
		register("a", ttlCheck("30s"));
		this.http.put("/v1/agent/check/pass/service:" + this.name + "-a", "");
		long index = this.http.get("/v1/health/service/" + this.name).index();
		// a blocking query on the service wakes up when maintenance starts
		CompletableFuture<ConsulHttp.Answer> woken = CompletableFuture
			.supplyAsync(() -> this.http.get("/v1/health/service/" + this.name + "?wait=20s&index=" + index));
		ConsulHttp.Answer enabled = this.http
			.put("/v1/agent/service/maintenance/" + this.name + "-a?enable=true&reason=rolling+kernel+update", "");
		assertThat(enabled.status()).isEqualTo(200);
		assertThat(enabled.body()).isEmpty();
		assertThat(woken.get(10, TimeUnit.SECONDS).index()).isGreaterThan(index);
		assertThat(passingIds()).isEmpty();
		JsonNode check = check(this.http.get("/v1/health/service/" + this.name).json().get(0),
				"_service_maintenance:" + this.name + "-a");
		assertThat(check.get("Status").asText()).isEqualTo("critical");
		assertThat(check.get("Name").asText()).isEqualTo("Service Maintenance Mode");
		assertThat(check.get("Notes").asText()).isEqualTo("rolling kernel update");
		assertThat(check.get("Type").asText()).isEqualTo("maintenance");
		assertThat(check.get("ServiceID").asText()).isEqualTo(this.name + "-a");
		// enabling it again changes nothing; registering the instance again keeps it
		long during = this.http.get("/v1/health/service/" + this.name).index();
		this.http.put("/v1/agent/service/maintenance/" + this.name + "-a?enable=true&reason=other", "");
		assertThat(this.http.get("/v1/health/service/" + this.name).index()).isEqualTo(during);
		register("a", ttlCheck("30s"));
		assertThat(this.http.get("/v1/agent/checks").json().has("_service_maintenance:" + this.name + "-a")).isTrue();
		assertThat(this.http.put("/v1/agent/service/maintenance/" + this.name + "-a?enable=false", "").status())
			.isEqualTo(200);
		assertThat(passingIds()).containsExactly(this.name + "-a");
		assertThat(this.http.get("/v1/agent/checks").json().has("_service_maintenance:" + this.name + "-a")).isFalse();
	}

	@Test
	void maintenanceWithoutAReasonGetsConsulsDefaultAndGoesWithTheInstance() {
		register("a", ttlCheck("30s"));
		this.http.put("/v1/agent/service/maintenance/" + this.name + "-a?enable=1", "");
		assertThat(
				this.http.get("/v1/agent/checks").json().at("/_service_maintenance:" + this.name + "-a/Notes").asText())
			.isEqualTo("Maintenance mode is enabled for this service, "
					+ "but no reason was provided. This is a default message.");
		this.http.put("/v1/agent/service/deregister/" + this.name + "-a", "");
		assertThat(this.http.get("/v1/agent/checks").json().has("_service_maintenance:" + this.name + "-a")).isFalse();
	}

	@Test
	void maintenanceRequestsAreCheckedAsConsulChecksThem() {
		register("a", ttlCheck("30s"));
		String path = "/v1/agent/service/maintenance/" + this.name + "-a";
		assertThat(this.http.put(path, "")).satisfies((answer) -> assertThat(answer.status()).isEqualTo(400))
			.satisfies((answer) -> assertThat(answer.body()).isEqualTo("Missing value for enable"));
		assertThat(this.http.put(path + "?enable=", "").body()).isEqualTo("Invalid value for enable: \"\"");
		assertThat(this.http.put(path + "?enable=maybe", "").body()).isEqualTo("Invalid value for enable: \"maybe\"");
		assertThat(this.http.put("/v1/agent/service/maintenance/" + this.name + "-none?enable=true", ""))
			.satisfies((answer) -> assertThat(answer.status()).isEqualTo(404))
			.satisfies((answer) -> assertThat(answer.body()).isEqualTo("Unknown service ID \"" + this.name
					+ "-none\". Ensure that the service ID is passed, not the service name."));
		assertThat(this.http.put("/v1/agent/service/maintenance/?enable=true", "").body())
			.isEqualTo("Missing service ID");
		assertThat(this.http.get(path + "?enable=true").status()).isEqualTo(405);
	}

	@Test
	void aTtlCheckThatIsNotRenewedExpiresCritical() {
		register("a", ttlCheck("1s"));
		this.http.put("/v1/agent/check/pass/service:" + this.name + "-a?note=fine", "");
		assertThat(passingIds()).containsExactly(this.name + "-a");
		await().atMost(Duration.ofSeconds(10)).until(() -> passingIds().isEmpty());
		JsonNode check = this.http.get("/v1/agent/checks").json().get("service:" + this.name + "-a");
		assertThat(check.get("Status").asText()).isEqualTo("critical");
		assertThat(check.get("Output").asText()).startsWith("TTL expired");
	}

	@Test
	void readsAreGetOnlyAndWritesPutOnly() {
		assertThat(this.http.method("POST", "/v1/agent/service/register").status()).isEqualTo(405);
		assertThat(this.http.method("PUT", "/v1/catalog/services").status()).isEqualTo(405);
		assertThat(this.http.get("/v1/status/leader").json().isTextual()).isTrue();
		assertThat(this.http.get("/v1/catalog/services?index=x").status()).isEqualTo(400);
		assertThat(this.http.get("/v1/catalog/services?index=1&wait=soon").status()).isEqualTo(400);
	}

	private List<String> passingIds() {
		List<String> ids = new ArrayList<>();
		this.http.get("/v1/health/service/" + this.name + "?passing=true")
			.json()
			.forEach((entry) -> ids.add(entry.at("/Service/ID").asText()));
		return ids;
	}

	private static JsonNode check(JsonNode entry, String checkId) {
		for (JsonNode check : entry.get("Checks")) {
			if (check.get("CheckID").asText().equals(checkId)) {
				return check;
			}
		}
		throw new AssertionError("no check " + checkId + " in " + entry);
	}

	static String ttlCheck(String ttl) {
		return "{\"TTL\":\"" + ttl + "\"}";
	}

	ConsulHttp.Answer register(String suffix, String check) {
		return register(suffix, "", check);
	}

	ConsulHttp.Answer register(String suffix, String extra, String check) {
		String id = this.name + "-" + suffix;
		ConsulHttp.Answer answer = rawRegister("{\"ID\":\"" + id + "\",\"Name\":\"" + this.name + "\"," + extra
				+ "\"Address\":\"127.0.0.1\",\"Port\":9090,\"Meta\":{\"gRPC_port\":\"9090\",\"secure\":\"false\"},"
				+ "\"Check\":" + check + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		if (!this.registered.contains(id)) {
			this.registered.add(id);
		}
		return answer;
	}

	private ConsulHttp.Answer rawRegister(String body) {
		return this.http.put("/v1/agent/service/register?token=", body);
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
