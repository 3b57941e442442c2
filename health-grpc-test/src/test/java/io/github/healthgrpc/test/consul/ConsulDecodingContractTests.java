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

/**
 * A registration is decoded strictly, as Consul's Go decoder decodes it: a value of the
 * wrong JSON type is 400 with Go's message, which names the field and its Go type. The
 * path inside the message depends on the Go version Consul was built with
 * ({@code .Alias.Port} from Go 1.24, {@code .Port} before), so against a real agent only
 * the rest is pinned; against the dev agent the whole message is.
 *
 * @author health-grpc authors
 */
class ConsulDecodingContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	private final String name = "decode-" + UUID.randomUUID().toString().substring(0, 8);

	private ConsulHttp http;

	@BeforeEach
	void connect() {
		this.http = new ConsulHttp(consul.endpoint());
	}

	@AfterEach
	void deregister() {
		this.http.put("/v1/agent/service/deregister/" + this.name, "");
	}

	@Test
	void aFractionalPortIsRefused() {
		refused("\"Port\":1.5", "number 1.5", ".Alias.Port", "int");
	}

	@Test
	void aMetaValueThatIsNoStringIsRefused() {
		refused("\"Meta\":{\"weight\":3}", "number", ".Alias.Meta", "string");
		refused("\"Meta\":[\"weight\"]", "array", ".Alias.Meta", "map[string]string");
	}

	@Test
	void aCheckHeaderThatIsNoObjectIsRefused() {
		refused("\"Check\":{\"HTTP\":\"http://127.0.0.1:1/\",\"Interval\":\"10s\",\"Header\":\"x-a: b\"}", "string",
				".Alias.Check.Alias.Header", "map[string][]string");
		refused("\"Check\":{\"HTTP\":\"http://127.0.0.1:1/\",\"Interval\":\"10s\",\"Header\":{\"x-a\":\"b\"}}",
				"string", ".Alias.Check.Alias.Header", "[]string");
	}

	@Test
	void otherValuesOfTheWrongTypeAreRefused() {
		refused("\"Tags\":[\"a\",1]", "number", ".Alias.Tags", "string");
		refused("\"EnableTagOverride\":\"yes\"", "string", ".Alias.EnableTagOverride", "bool");
		refused("\"Port\":\"9090\"", "string", ".Alias.Port", "int");
		refused("\"Checks\":[{\"TTL\":\"10s\",\"CheckID\":7}]", "number", ".Alias.Checks.Alias.CheckID",
				"types.CheckID");
	}

	@Test
	void theRightTypesAreAcceptedNullsAndNanosecondDurationsToo() {
		ConsulHttp.Answer answer = register("\"Port\":9090,\"Tags\":null,\"Meta\":{\"a\":\"1\"},"
				+ "\"Check\":{\"TTL\":30000000000,\"Header\":{\"x-a\":[\"b\"]},\"Status\":\"passing\"}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(this.http.get("/v1/agent/service/" + this.name).json().get("Port").asInt()).isEqualTo(9090);
	}

	@Test
	void aMalformedDurationIsRefusedWithGosMessage() {
		ConsulHttp.Answer answer = register("\"Check\":{\"TTL\":\"soon\"}");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).isEqualTo("Request decode failed: time: invalid duration \"soon\"");
	}

	private void refused(String fields, String value, String field, String goType) {
		ConsulHttp.Answer answer = register(fields);
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		String head = "Request decode failed: json: cannot unmarshal " + value + " into Go struct field ";
		String tail = " of type " + goType;
		if (consul.endpoint().isDevAgent()) {
			assertThat(answer.body()).isEqualTo(head + field + tail);
		}
		else {
			String last = field.substring(field.lastIndexOf('.') + 1);
			assertThat(answer.body()).startsWith(head).endsWith(last + tail);
		}
	}

	private ConsulHttp.Answer register(String fields) {
		return this.http.put("/v1/agent/service/register",
				"{\"ID\":\"" + this.name + "\",\"Name\":\"" + this.name + "\"," + fields + "}");
	}

}
