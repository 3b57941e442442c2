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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A request's path, query and blocking parameters, read as Consul reads them.
 *
 * @author health-grpc authors
 */
class ConsulRequestTests {

	@Test
	void thePathIsDecodedWithItsPlusAndTheQueryWithPlusAsSpace() {
		ConsulRequest request = request("/v1/agent/service/a%2Fb+c?reason=a+b%21&tag=x&tag=y&&flag&=v&empty=");
		assertThat(request.path).isEqualTo("agent/service/a/b+c");
		assertThat(request.after("agent/service/")).isEqualTo("a/b+c");
		assertThat(request.after("catalog/")).isNull();
		assertThat(request.param("reason")).isEqualTo("a b!");
		assertThat(request.params("tag")).containsExactly("x", "y");
		assertThat(request.params("none")).isEmpty();
		assertThat(request.param("flag")).isEmpty();
		assertThat(request.has("flag")).isTrue();
		assertThat(request.param("")).isEqualTo("v");
		assertThat(request.param("empty")).isEmpty();
		assertThat(request("/v1/status/leader").param("x")).isNull();
		// the absolute form a proxy sends
		assertThat(request("http://127.0.0.1:8500/v1/status/leader?x=1").path).isEqualTo("status/leader");
		assertThat(request("https://127.0.0.1:8500").path).isEqualTo("/");
		assertThatExceptionOfType(ConsulError.class).isThrownBy(() -> request("/v1/%zz"))
			.withMessage("Invalid request path or query");
	}

	@Test
	void waitsFollowConsulsDefaultsAndBounds() {
		assertThat(request("/v1/x").blockingWait()).isBetween(minutes(5), minutes(5).plus(minutes(5).dividedBy(16)));
		assertThat(request("/v1/x?wait=0s").blockingWait()).isBetween(minutes(5), minutes(6));
		assertThat(request("/v1/x?wait=-1s").blockingWait()).isBetween(minutes(5), minutes(6));
		assertThat(request("/v1/x?wait=20m").blockingWait()).isBetween(minutes(10), minutes(11));
		assertThat(request("/v1/x?wait=10m").blockingWait()).isBetween(minutes(10), minutes(11));
		assertThat(request("/v1/x?wait=2s").blockingWait()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2125));
		// too short for jitter
		assertThat(request("/v1/x?wait=10ns").blockingWait()).isEqualTo(Duration.ofNanos(10));
		assertThat(request("/v1/x?wait=-1s").localWait()).isZero();
		assertThat(request("/v1/x?wait=0s").localWait()).isBetween(minutes(5), minutes(6));
		assertThat(request("/v1/x").localWait()).isBetween(minutes(5), minutes(6));
		assertThat(request("/v1/x?wait=3s").localWait()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
		assertThat(request("/v1/x?wait=").waitParameter()).isNull();
		assertThatExceptionOfType(ConsulError.class).isThrownBy(() -> request("/v1/x?wait=soon").blockingWait())
			.withMessage("Invalid wait time");
	}

	@Test
	void indexesAndPassingAreReadAsConsulReadsThem() {
		assertThat(request("/v1/x").index()).isZero();
		assertThat(request("/v1/x?index=").index()).isZero();
		assertThat(request("/v1/x?index=18446744073709551615").index()).isEqualTo(-1L);
		assertThatExceptionOfType(ConsulError.class).isThrownBy(() -> request("/v1/x?index=-1").index())
			.withMessage("Invalid index");
		assertThat(request("/v1/x").passing()).isFalse();
		for (String yes : new String[] { "", "1", "t", "T", "TRUE", "true", "True" }) {
			assertThat(request("/v1/x?passing=" + yes).passing()).as(yes).isTrue();
		}
		for (String no : new String[] { "0", "f", "F", "FALSE", "false", "False" }) {
			assertThat(request("/v1/x?passing=" + no).passing()).as(no).isFalse();
		}
		assertThatExceptionOfType(ConsulError.class).isThrownBy(() -> request("/v1/x?passing=yes").passing())
			.withMessage("Invalid value for ?passing");
	}

	@Test
	void aBodyTooLargeIsRefusedWhenRead() {
		ConsulRequest request = new ConsulRequest(new RawRequest("PUT", "/v1/x", false, Map.of(), new byte[0], true));
		assertThatExceptionOfType(ConsulError.class).isThrownBy(request::body)
			.withMessage("Request decode failed: request body too large");
		assertThat(new ConsulRequest(
				new RawRequest("PUT", "/v1/x", false, Map.of("x-a", List.of("b")), new byte[] { 1 }, false))
			.header("X-A")).isEqualTo("b");
	}

	private static Duration minutes(int minutes) {
		return Duration.ofMinutes(minutes);
	}

	private static ConsulRequest request(String target) {
		return new ConsulRequest(new RawRequest("GET", target, false, Map.of(), new byte[0], false));
	}

}
