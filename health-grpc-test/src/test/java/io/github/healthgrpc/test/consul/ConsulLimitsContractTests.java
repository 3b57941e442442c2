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

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consul's {@code limits.http_max_conns_per_client} (200 by default): one client holding
 * 200 blocking queries gets {@code 429 Too Many Requests} on its next connection, as
 * Consul's connection limiter writes it, and room again when one of them leaves. Against
 * the dev agent, or a real agent with the default limit when {@code CONSUL_HTTP_ADDR} is
 * set.
 *
 * @author health-grpc authors
 */
class ConsulLimitsContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	@Test
	void pastTwoHundredConnectionsFromOneClientTheNextIsAnswered429UntilOneLeaves() {
		List<RawHttp> held = new ArrayList<>();
		try {
			RawHttp first = new RawHttp(consul.endpoint());
			held.add(first);
			String index = first.get("/v1/catalog/services").read().head().split("X-Consul-Index: ")[1]
				.split("\r\n")[0];
			String query = "/v1/catalog/services?index=" + index + "&wait=60s";
			first.get(query);
			for (int i = 1; i < 200; i++) {
				held.add(new RawHttp(consul.endpoint()).get(query));
			}
			// answered at once, before any request is read
			try (RawHttp next = new RawHttp(consul.endpoint())) {
				assertThat(next.readToEnd()).isEqualTo("HTTP/1.1 429 Too Many Requests\r\n"
						+ "Content-Type: text/plain\r\nContent-Length: 81\r\nConnection: close\r\n\r\n"
						+ "Your IP is issuing too many concurrent connections, please rate limit your calls\n");
			}
			held.remove(0).close();
			await().atMost(Duration.ofSeconds(10)).until(this::leaderAnswers);
		}
		finally {
			held.forEach(RawHttp::close);
		}
	}

	private boolean leaderAnswers() {
		try (RawHttp again = new RawHttp(consul.endpoint())) {
			return again.get("/v1/status/leader").read().status() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

}
