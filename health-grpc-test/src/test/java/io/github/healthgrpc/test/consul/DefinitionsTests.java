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
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Registrations decoded and validated as Consul decodes and validates them, field by
 * field: the snake_case aliases, every kind of value, the check types and their rules,
 * the metadata limits.
 *
 * @author health-grpc authors
 */
class DefinitionsTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void snakeCaseAliasesSetTheirFields() {
		ServiceDefinition service = parse("{\"Name\":\"a\",\"enable_tag_override\":true,\"tagged_addresses\":{},"
				+ "\"Check\":{\"GRPC\":\"127.0.0.1:1\",\"Interval\":\"1s\",\"grpc_use_tls\":true,\"tls_skip_verify\":true,"
				+ "\"deregister_critical_service_after\":\"2m\",\"service_id\":\"x\",\"ServiceID\":\"x\"}}");
		assertThat(service.enableTagOverride()).isTrue();
		CheckDefinition check = service.checks().get(0);
		assertThat(check.useTls()).isTrue();
		assertThat(check.tlsSkipVerify()).isTrue();
		assertThat(check.deregisterCriticalServiceAfter()).isEqualTo(Duration.ofMinutes(2));
		ServiceDefinition plain = parse(
				"{\"Name\":\"a\",\"EnableTagOverride\":false,\"Check\":{\"GRPC\":\"127.0.0.1:1\","
						+ "\"Interval\":\"1s\",\"GRPCUseTLS\":false,\"DeregisterCriticalServiceAfter\":\"1m\","
						+ "\"deregister_critical_service_after\":\"2m\"}}");
		assertThat(plain.enableTagOverride()).isFalse();
		assertThat(plain.checks().get(0).useTls()).isFalse();
		assertThat(plain.checks().get(0).tlsSkipVerify()).isFalse();
		// the field wins over its alias
		assertThat(plain.checks().get(0).deregisterCriticalServiceAfter()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void anAliasIsNamedAsItIsInGosErrors() {
		refused("{\"Name\":\"a\",\"enable_tag_override\":\"yes\"}",
				"json: cannot unmarshal string into Go struct field .enable_tag_override of type bool");
		refused("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"tls_skip_verify\":1}}",
				"json: cannot unmarshal number into Go struct field .Alias.Check.tls_skip_verify of type bool");
		refused("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"ServiceID\":1}}",
				"json: cannot unmarshal number into Go struct field .Alias.Check.ServiceID of type string");
		refused("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"Args\":[1]}}",
				"json: cannot unmarshal number into Go struct field .Alias.Check.args of type string");
	}

	@Test
	void valuesOfEveryKindAreCheckedAndNullsSkipped() {
		ServiceDefinition service = parse("{\"ID\":null,\"Name\":\"a\",\"Tags\":[\"x\",null],\"Meta\":{\"k\":null},"
				+ "\"Port\":null,\"Check\":{\"HTTP\":\"http://127.0.0.1:1/\",\"Interval\":\"1s\",\"Header\":"
				+ "{\"X-A\":[\"b\",null],\"X-B\":null},\"Method\":\"HEAD\",\"Timeout\":true,\"TTL\":[]}}");
		assertThat(service.id()).isEqualTo("a");
		assertThat(service.tags()).containsExactly("x", "");
		assertThat(service.meta()).containsExactly(Map.entry("k", ""));
		assertThat(service.port()).isZero();
		CheckDefinition check = service.checks().get(0);
		assertThat(check.headers()).containsExactly(Map.entry("X-A", List.of("b", "")), Map.entry("X-B", List.of()));
		assertThat(check.method()).isEqualTo("HEAD");
		// a duration that is neither a string nor a number is no duration, as in Consul
		assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(check.ttl()).isZero();
		refused("{\"Name\":\"a\",\"Tags\":\"x\"}",
				"json: cannot unmarshal string into Go struct field .Alias.Tags of type []string");
		refused("{\"Name\":\"a\",\"Tags\":[{}]}",
				"json: cannot unmarshal object into Go struct field .Alias.Tags of type string");
		refused("{\"Name\":\"a\",\"Meta\":{\"k\":true}}",
				"json: cannot unmarshal bool into Go struct field .Alias.Meta of type string");
		refused("{\"Name\":\"a\",\"Port\":[1]}",
				"json: cannot unmarshal array into Go struct field .Alias.Port of type int");
		refused("{\"Name\":\"a\",\"Port\":1e999}", "json: cannot unmarshal number");
		refused("{\"Name\":\"a\",\"Check\":\"x\"}",
				"json: cannot unmarshal string into Go struct field .Alias.Check of type structs.CheckType");
		refused("{\"Name\":\"a\",\"Checks\":{}}",
				"json: cannot unmarshal object into Go struct field .Alias.Checks of type structs.CheckTypes");
		refused("{\"Name\":\"a\",\"Check\":{\"HTTP\":\"h\",\"Interval\":\"1s\",\"Header\":{\"X\":[1]}}}",
				"json: cannot unmarshal number into Go struct field .Alias.Check.Alias.Header of type string");
		refused("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"Status\":false}}",
				"json: cannot unmarshal bool into Go struct field .Alias.Check.Alias.Status of type string");
		refused("[]", "json: cannot unmarshal array into Go value of type structs.ServiceDefinition");
		refused("\"x\"", "json: cannot unmarshal string into Go value of type structs.ServiceDefinition");
		refused("{\"Name\":\"a\",\"Namespace\":\"n\"}", "json: unknown field \"Namespace\"");
		refused("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\",\"Script\":\"x\"}}", "json: unknown field \"Script\"");
	}

	@Test
	void everyKindOfScriptIsRefused() {
		for (String script : new String[] { "\"ScriptArgs\":[\"a\"]", "\"args\":[\"a\"]", "\"script_args\":[\"a\"]",
				"\"Shell\":\"sh\"", "\"DockerContainerID\":\"c\"", "\"docker_container_id\":\"c\"" }) {
			assertThatExceptionOfType(ConsulError.class).as(script)
				.isThrownBy(() -> parse("{\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\"," + script + "}}"))
				.withMessageStartingWith("Invalid check: Scripts are disabled");
		}
	}

	@Test
	void checksGetTheirTypeTargetAndConsulsRules() {
		assertThat(check("{\"GRPC\":\"127.0.0.1:1/s\",\"Interval\":\"5s\"}")).satisfies((check) -> {
			assertThat(check.type()).isEqualTo("grpc");
			assertThat(check.target()).isEqualTo("127.0.0.1:1/s");
			assertThat(check.initialStatus()).isEqualTo("critical");
		});
		assertThat(check("{\"HTTP\":\"http://h/\",\"Interval\":\"5s\",\"Status\":\"warning\"}")).satisfies((check) -> {
			assertThat(check.type()).isEqualTo("http");
			assertThat(check.method()).isEqualTo("GET");
			assertThat(check.initialStatus()).isEqualTo("warning");
		});
		assertThat(check("{\"TCP\":\"127.0.0.1:1\",\"Interval\":\"5s\"}").type()).isEqualTo("tcp");
		assertThat(check("{\"TTL\":\"5s\"}")).satisfies((check) -> {
			assertThat(check.type()).isEqualTo("ttl");
			assertThat(check.target()).isEmpty();
		});
		// nanoseconds as numbers, as Go reads them
		assertThat(check("{\"TTL\":5000000000}").ttl()).isEqualTo(Duration.ofSeconds(5));
		// a check with nothing in it is no check
		assertThat(parse("{\"Name\":\"a\",\"Check\":{},\"Checks\":[{}]}").checks()).isEmpty();
		refusedCheck("{\"Notes\":\"n\",\"Interval\":\"0s\",\"Status\":\"passing\"}",
				"Invalid check: TTL must be > 0 for TTL checks");
		refusedCheck("{\"TTL\":\"-1s\"}", "Invalid check: TTL must be > 0 for TTL checks");
		refusedCheck("{\"TCP\":\"127.0.0.1:1\",\"Interval\":\"-1s\"}",
				"Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks");
		refusedCheck("{\"GRPC\":\"g\",\"Interval\":\"1s\",\"TTL\":\"1s\"}",
				"Invalid check: Interval and TTL cannot both be specified");
		refusedCheck("{\"TTL\":\"1s\",\"Status\":\"unknown\"}",
				"Status for checks must 'passing', 'warning', 'critical'");
	}

	@Test
	void checksAreNamedAndNumberedAsConsulNamesThem() {
		ServiceDefinition one = parse("{\"ID\":\"a-1\",\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\"}}");
		assertThat(one.checkId(0)).isEqualTo("service:a-1");
		assertThat(one.checkName(0)).isEqualTo("Service 'a' check");
		ServiceDefinition two = parse("{\"ID\":\"a-1\",\"Name\":\"a\",\"Check\":{\"TTL\":\"1s\"},"
				+ "\"Checks\":[{\"TTL\":\"2s\",\"CheckID\":\"mine\",\"Name\":\"Mine\",\"Notes\":\"n\"},{\"TTL\":\"3s\"}]}");
		assertThat(List.of(two.checkId(0), two.checkId(1), two.checkId(2))).containsExactly("service:a-1:1", "mine",
				"service:a-1:3");
		assertThat(two.checkName(1)).isEqualTo("Mine");
		assertThat(two.checks().get(1).notes()).isEqualTo("n");
	}

	@Test
	void addressesAndMetadataAreValidatedAsConsulValidatesThem() {
		for (String any : new String[] { "0.0.0.0", "::", "[::]" }) {
			assertThatExceptionOfType(ConsulError.class)
				.isThrownBy(() -> parse("{\"Name\":\"a\",\"Address\":\"" + any + "\"}"))
				.withMessage("Invalid service address");
		}
		assertThat(parse("{\"Name\":\"a\",\"Address\":\"10.0.0.1\"}").address()).isEqualTo("10.0.0.1");
		assertThatExceptionOfType(ConsulError.class).isThrownBy(() -> parse("{\"ID\":\"a\"}"))
			.withMessage("Missing service name");
		assertThat(parse("{\"Name\":\"a\",\"Meta\":" + meta(64, "k", "v") + "}").meta()).hasSize(64);
		refusedMeta(meta(65, "k", "v"), "Node metadata cannot contain more than 64 key/value pairs");
		assertThat(parse("{\"Name\":\"a\",\"Meta\":{\"" + "k".repeat(128) + "\":\"" + "v".repeat(512) + "\"}}").meta())
			.hasSize(1);
		refusedMeta("{\"" + "k".repeat(129) + "\":\"v\"}", "Key is too long (limit: 128 characters)");
		refusedMeta("{\"k\":\"" + "v".repeat(513) + "\"}", "Value is too long (limit: 512 characters)");
		refusedMeta("{\"\":\"v\"}", "Key cannot be blank");
		refusedMeta("{\"a.b\":\"v\"}", "Key contains invalid characters");
		refusedMeta("{\"consul-x\":\"v\"}", "Key prefix 'consul-' is reserved for internal use");
	}

	@Test
	void theSameServiceIsOneWithEveryCatalogFieldEqual() {
		ServiceDefinition a = parse(
				"{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":1,\"Check\":{\"TTL\":\"1s\"}}");
		assertThat(a.sameServiceAs(parse("{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":1}"))).isTrue();
		assertThat(a.sameServiceAs(null)).isFalse();
		for (String other : new String[] { "{\"ID\":\"b\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":1}",
				"{\"ID\":\"a\",\"Name\":\"b\",\"Tags\":[\"t\"],\"Port\":1}", "{\"ID\":\"a\",\"Name\":\"a\",\"Port\":1}",
				"{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":1,\"Address\":\"h\"}",
				"{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":1,\"Meta\":{\"k\":\"v\"}}",
				"{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":2}",
				"{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"],\"Port\":1,\"EnableTagOverride\":true}" }) {
			assertThat(a.sameServiceAs(parse(other))).as(other).isFalse();
		}
	}

	private static String meta(int count, String key, String value) {
		StringBuilder meta = new StringBuilder("{");
		for (int i = 0; i < count; i++) {
			meta.append((i > 0) ? "," : "").append('"').append(key).append(i).append("\":\"").append(value).append('"');
		}
		return meta.append('}').toString();
	}

	private static void refusedMeta(String meta, String reason) {
		assertThatExceptionOfType(ConsulError.class).isThrownBy(() -> parse("{\"Name\":\"a\",\"Meta\":" + meta + "}"))
			.withMessage("Invalid Service Meta: " + reason);
	}

	private static void refused(String body, String reason) {
		assertThatExceptionOfType(ConsulError.class).as(body)
			.isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400))
			.withMessageStartingWith("Request decode failed: " + reason);
	}

	private static void refusedCheck(String check, String reason) {
		assertThatExceptionOfType(ConsulError.class).as(check).isThrownBy(() -> check(check)).withMessage(reason);
	}

	private static CheckDefinition check(String check) {
		return parse("{\"Name\":\"a\",\"Check\":" + check + "}").checks().get(0);
	}

	private static ServiceDefinition parse(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			return ServiceDefinition.parse(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
