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
import java.util.concurrent.atomic.AtomicInteger;

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
		assertThat(away).isLessThan(Duration.ofSeconds(10));
		assertThat(back).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void withoutTheHealthWatchAClientKeepsCallingACriticalInstance() {
		ConfigurableApplicationContext a = shop("a");
		shop("b");
		awaitCheck("a", "passing");
		awaitCheck("b", "passing");
		AtomicInteger heartbeats = new AtomicInteger();
		ConfigurableApplicationContext clientContext = ConsulApps
			.client(this.agent.port(), "health-grpc.consul.discovery.watch-health=false",
					"spring.cloud.consul.discovery.catalog-services-watch-delay=100",
					"spring.cloud.consul.discovery.catalog-services-watch-timeout=1")
			.listeners((ApplicationListener<HeartbeatEvent>) (event) -> heartbeats.incrementAndGet())
			.run();
		this.contexts.add(clientContext);
		ShopClient client = clientContext.getBean(ShopClient.class);
		await().atMost(PATIENCE).until(() -> answers(client, 10).containsAll(Set.of("a", "b")));
		a.getBean(ShopApplication.Db.class).down();
		awaitCheck("a", "critical");
		// the catalog watch has looked twice since: Consul's catalog index did not move
		int seen = heartbeats.get();
		await().atMost(PATIENCE).until(() -> heartbeats.get() >= seen + 2);
		assertThat(answers(client, 10)).contains("a");
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
