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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.healthgrpc.consul.ConsulHealthWatch;
import io.github.healthgrpc.integration.consul.ShopClientApplication.ShopClient;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery over real sockets: a {@code discovery:///shop} client and shop instances
 * registered with the Consul dev agent, whose GRPC checks call their Health service.
 *
 * @author health-grpc authors
 */
class ConsulDiscoveryIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	/**
	 * What docs/consul.md promises with these settings: one health evaluation (100 ms),
	 * one check interval (1 s) and one check timeout (500 ms, for an instance that does
	 * not answer), plus the watch, the resolve and the new connection, which take
	 * milliseconds and are given one second on a busy two-core build machine.
	 */
	private static final Duration REACTION = Duration.ofMillis(100 + 1000 + 500 + 1000);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private ConsulDevAgent agent;

	@BeforeEach
	void startAgent() {
		this.agent = ConsulDevAgent.start();
	}

	@AfterEach
	void stopAll() {
		// applications first: they deregister from the agent
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.agent.close();
	}

	@Test
	void theClientBalancesOverPassingInstancesOnly() {
		shop("a");
		shop("b");
		ConfigurableApplicationContext c = shop("c");
		// c is critical from the start: its database is down
		c.getBean(ShopApplication.Db.class).down();
		awaitCheck("a", "passing");
		awaitCheck("b", "passing");
		awaitCheck("c", "critical");
		ShopClient client = client().getBean(ShopClient.class);
		// until both connections are ready: before that, round robin has one to pick
		await().atMost(PATIENCE).until(() -> answers(client, 10).containsAll(Set.of("a", "b")));
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			answers.add(client.who());
		}
		assertThat(answers).containsOnly("a", "b");
		// round robin: as many of each
		assertThat(answers.stream().filter("a"::equals).count()).isEqualTo(15);
	}

	@Test
	void aClientLeavesAnInstanceThatTurnsCriticalWithinSecondsAndComesBackToIt() {
		ConfigurableApplicationContext a = shop("a");
		shop("b");
		awaitCheck("a", "passing");
		awaitCheck("b", "passing");
		ShopClient client = client().getBean(ShopClient.class);
		await().atMost(PATIENCE).until(() -> answers(client, 10).containsAll(Set.of("a", "b")));

		long down = System.nanoTime();
		a.getBean(ShopApplication.Db.class).down();
		await().atMost(PATIENCE).until(() -> answers(client, 10).equals(Set.of("b")));
		Duration away = Duration.ofNanos(System.nanoTime() - down);

		long up = System.nanoTime();
		a.getBean(ShopApplication.Db.class).up();
		await().atMost(PATIENCE).until(() -> answers(client, 10).contains("a"));
		Duration back = Duration.ofNanos(System.nanoTime() - up);

		// the figures docs/consul.md quotes (check interval 1 s, health period 100 ms)
		System.out.println("Consul discovery reaction: routed away after " + away.toMillis() + " ms, back after "
				+ back.toMillis() + " ms");
		assertThat(away).isLessThan(REACTION);
		assertThat(back).isLessThan(REACTION);
	}

	@Test
	void theHealthWatchIsWhatRoutesAClientAwayFromACriticalInstance() {
		ConfigurableApplicationContext a = shop("a");
		shop("b");
		awaitCheck("a", "passing");
		awaitCheck("b", "passing");
		List<Object> catalogIndexes = new CopyOnWriteArrayList<>();
		ConfigurableApplicationContext clientContext = ConsulApps
			.client(this.agent.port(), "spring.cloud.consul.discovery.catalog-services-watch-delay=100",
					"spring.cloud.consul.discovery.catalog-services-watch-timeout=1")
			.listeners((ApplicationListener<HeartbeatEvent>) (event) -> catalogIndexes.add(event.getValue()))
			.run();
		this.contexts.add(clientContext);
		// the watch starts with the channel, which net.devh builds when it injects the
		// stub: before any call
		assertThat(clientContext.getBean(ConsulHealthWatch.class).isWatching("shop")).isTrue();
		ShopClient client = clientContext.getBean(ShopClient.class);
		await().atMost(PATIENCE).until(() -> answers(client, 10).containsAll(Set.of("a", "b")));
		await().atMost(PATIENCE).until(() -> catalogIndexes.size() >= 2);
		int heartbeats = catalogIndexes.size();
		Object catalogIndex = catalogIndexes.get(heartbeats - 1);
		long down = System.nanoTime();
		a.getBean(ShopApplication.Db.class).down();
		await().atMost(PATIENCE).until(() -> answers(client, 10).equals(Set.of("b")));
		assertThat(Duration.ofNanos(System.nanoTime() - down)).isLessThan(REACTION);
		// Spring Cloud Consul's catalog watch looked again and saw nothing move: it could
		// not have sent the client away, only health-grpc's health watch could
		await().atMost(PATIENCE).until(() -> catalogIndexes.size() >= heartbeats + 2);
		assertThat(catalogIndexes.subList(heartbeats - 1, catalogIndexes.size())).containsOnly(catalogIndex);
	}

	private ConfigurableApplicationContext shop(String instance) {
		ConfigurableApplicationContext context = ConsulApps.shop(this.agent.port(), instance).run();
		this.contexts.add(context);
		return context;
	}

	private ConfigurableApplicationContext client() {
		ConfigurableApplicationContext context = ConsulApps.client(this.agent.port()).run();
		this.contexts.add(context);
		return context;
	}

	private void awaitCheck(String instance, String status) {
		await().atMost(PATIENCE)
			.until(() -> this.contexts.stream()
				.filter((context) -> instance.equals(context.getEnvironment().getProperty("test.instance")))
				.map(ConsulApps::instanceId)
				.anyMatch((id) -> status.equals(this.agent.checkStatus("service:" + id))));
	}

	private static Set<String> answers(ShopClient client, int calls) {
		Set<String> answers = new HashSet<>();
		for (int i = 0; i < calls; i++) {
			answers.add(client.who());
		}
		return answers;
	}

}
