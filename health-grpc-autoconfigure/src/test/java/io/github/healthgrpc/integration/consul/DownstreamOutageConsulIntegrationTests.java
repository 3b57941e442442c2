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

package io.github.healthgrpc.integration.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.healthgrpc.client.downstream.DownstreamChecks;
import io.github.healthgrpc.integration.client.Backend;
import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A downstream outage seen from Consul: a web application that calls a downstream, with
 * the downstream health contributor on and Spring Cloud Consul's HTTP check of
 * {@code /actuator/health} kept next to the GRPC check. The downstream turns NOT_SERVING;
 * this instance must stay passing.
 *
 * @author health-grpc authors
 */
class DownstreamOutageConsulIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Test
	void aDownstreamOutageLeavesBothChecksPassing() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				Backend downstream = Backend.start("inventory");
				ConfigurableApplicationContext shop = ConsulApps.shop(agent.port(), "a", web(downstream)).run()) {
			String id = ConsulApps.instanceId(shop);
			String http = checkOfType(agent, id, "http");
			String grpc = checkOfType(agent, id, "grpc");
			await().atMost(PATIENCE)
				.until(() -> "passing".equals(agent.checkStatus(http)) && "passing".equals(agent.checkStatus(grpc)));
			// checks start critical in Consul; what counts is what comes after passing
			int passingAt = agent.history().size();
			downstream.health().setStatus("", io.github.healthgrpc.health.ServingStatus.NOT_SERVING);
			DownstreamChecks checks = shop.getBean(DownstreamChecks.class);
			await().atMost(PATIENCE)
				.until(() -> checks.latest("inventory")
					.status() == io.github.healthgrpc.client.downstream.DownstreamAnswer.Status.DOWN);
			// two more HTTP checks answered after the outage showed: the first of them
			// is recorded by the agent before it makes the second
			ShopApplication.ConsulProbes probes = shop.getBean(ShopApplication.ConsulProbes.class);
			int before = probes.answered();
			await().atMost(PATIENCE).until(() -> probes.answered() >= before + 2);
			assertThat(agent.checkStatus(http)).isEqualTo("passing");
			assertThat(agent.checkStatus(grpc)).isEqualTo("passing");
			List<AgentEvent> history = agent.history();
			assertThat(history.subList(passingAt, history.size()))
				.filteredOn((event) -> event.id().startsWith("service:" + id))
				.extracting(AgentEvent::status)
				.doesNotContain("critical");
		}
	}

	@Test
	void countedInTheRootStatusTheOutageTurnsTheHttpCheckCritical() throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				Backend downstream = Backend.start("inventory");
				ConfigurableApplicationContext shop = ConsulApps
					.shop(agent.port(), "a",
							web(downstream, "health-grpc.client.health-indicator.counts-in-root-status=true"))
					.run()) {
			String id = ConsulApps.instanceId(shop);
			String http = checkOfType(agent, id, "http");
			String grpc = checkOfType(agent, id, "grpc");
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus(http)));
			downstream.health().setStatus("", io.github.healthgrpc.health.ServingStatus.NOT_SERVING);
			await().atMost(PATIENCE).until(() -> "critical".equals(agent.checkStatus(http)));
			// the GRPC check asks health-grpc's own statuses, which ignore downstreams
			assertThat(agent.checkStatus(grpc)).isEqualTo("passing");
		}
	}

	private static String checkOfType(ConsulDevAgent agent, String id, String type) {
		JsonNode checks = ConsulApps.get(agent.uri(), "/v1/agent/checks");
		for (String check : List.of("service:" + id + ":1", "service:" + id + ":2")) {
			if (type.equals(checks.path(check).path("Type").asText())) {
				return check;
			}
		}
		throw new AssertionError("no " + type + " check in " + checks);
	}

	private static String[] web(Backend downstream, String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.main.web-application-type=servlet", "server.port=0",
				"server.address=127.0.0.1", "spring.cloud.consul.discovery.prefer-ip-address=true",
				"spring.cloud.consul.discovery.ip-address=127.0.0.1",
				"spring.cloud.consul.discovery.health-check-interval=1s",
				"health-grpc.consul.check.keep-http-check=true",
				"grpc.client.inventory.address=static://" + downstream.hostAndPort(),
				"grpc.client.inventory.negotiation-type=plaintext",
				"health-grpc.client.channels.inventory.health-indicator.enabled=true",
				"health-grpc.client.health-indicator.period=100ms"));
		properties.addAll(List.of(extra));
		return properties.toArray(String[]::new);
	}

}
