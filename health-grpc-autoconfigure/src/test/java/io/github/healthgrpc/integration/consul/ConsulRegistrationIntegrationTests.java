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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.healthgrpc.consul.MisbehavingAgent;
import io.github.healthgrpc.consul.MisbehavingAgent.Reply;
import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Registration over real sockets: a gRPC-only application against the Consul dev agent,
 * with the agent's GRPC checks really calling its Health service on 127.0.0.1.
 *
 * @author health-grpc authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsulRegistrationIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	// a servlet application whose HTTP check, if kept, is aimed at 127.0.0.1
	private static final String[] WEB = { "spring.main.web-application-type=servlet", "server.port=0",
			"server.address=127.0.0.1", "spring.cloud.consul.discovery.prefer-ip-address=true",
			"spring.cloud.consul.discovery.ip-address=127.0.0.1" };

	@Test
	void registrationSwitchedOffRegistersNothing() {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext web = ConsulApps
					.shop(agent.port(), "quiet", web("spring.cloud.consul.discovery.register=false"))
					.run();
				ConfigurableApplicationContext grpcOnly = ConsulApps
					.shop(agent.port(), "quieter", "spring.cloud.consul.discovery.register=false")
					.run();
				ConfigurableApplicationContext registered = ConsulApps.shop(agent.port(), "heard").run()) {
			String heard = ConsulApps.instanceId(registered);
			// the event after: an instance that registers, long after the others' keepers
			// (every 200 ms) would have registered them
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + heard)));
			assertThat(agent.history()).filteredOn((event) -> event.type() == AgentEvent.Type.REGISTERED)
				.extracting(AgentEvent::id)
				.containsExactly(heard);
		}
	}

	@Test
	void aDrainShorterThanTheCheckIntervalIsWarnedAbout(CapturedOutput output) {
		int nobody = ConsulApps.freePort();
		try (ConfigurableApplicationContext shop = ConsulApps
			.shop(nobody, "a", "health-grpc.health.lifecycle.drain-delay=500ms")
			.run()) {
			assertThat(output.getOut()).contains("health-grpc.health.lifecycle.drain-delay (500 ms) is shorter than "
					+ "health-grpc.consul.check.interval + health-grpc.consul.check.timeout (1500 ms)");
		}
	}

	@Test
	void aGrpcOnlyApplicationIsRegisteredWithItsBoundPortAndAPassingGrpcCheck(CapturedOutput output) {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext a = ConsulApps.shop(agent.port(), "a").run();
				ConfigurableApplicationContext b = ConsulApps.shop(agent.port(), "b").run()) {
			int port = a.getBean(GrpcServerProperties.class).getPort();
			String id = ConsulApps.instanceId(a);
			assertThat(id).isEqualTo("shop-127-0-0-1-" + port);
			JsonNode service = ConsulApps.get(agent.uri(), "/v1/agent/service/" + id);
			assertThat(service.path("Port").asInt()).isEqualTo(port);
			assertThat(service.path("Address").asText()).isEqualTo("127.0.0.1");
			assertThat(service.path("Meta").path("gRPC_port").asText()).isEqualTo(Integer.toString(port));
			JsonNode check = ConsulApps.get(agent.uri(), "/v1/agent/checks").path("service:" + id);
			assertThat(check.path("Type").asText()).isEqualTo("grpc");
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
			assertThat(ConsulApps.get(agent.uri(), "/v1/agent/checks").path("service:" + id).path("Output").asText())
				.isEqualTo("gRPC check 127.0.0.1:" + port + ": success");
			// two instances on one host never replace each other
			String other = ConsulApps.instanceId(b);
			assertThat(other).isNotEqualTo(id);
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + other)));
			assertThat(ConsulApps.get(agent.uri(), "/v1/health/service/shop?passing")).hasSize(2);
			// the drain (1.5 s) is as long as the check interval and timeout (1 s + 0.5
			// s):
			// no warning
			assertThat(output.getOut()).doesNotContain("is shorter than health-grpc.consul.check.interval");
		}
	}

	@Test
	void aWebApplicationIsRegisteredBySpringWithTheGrpcCheckInPlaceOfTheHttpCheck() {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext shop = ConsulApps.shop(agent.port(), "a", web()).run()) {
			int grpcPort = shop.getBean(GrpcServerProperties.class).getPort();
			int webPort = ((WebServerApplicationContext) shop).getWebServer().getPort();
			String id = ConsulApps.instanceId(shop);
			JsonNode service = ConsulApps.get(agent.uri(), "/v1/agent/service/" + id);
			// Spring registers the web port; clients find the gRPC port in the metadata
			assertThat(service.path("Port").asInt()).isEqualTo(webPort);
			assertThat(service.path("Meta").path("gRPC_port").asText()).isEqualTo(Integer.toString(grpcPort));
			JsonNode checks = ConsulApps.get(agent.uri(), "/v1/agent/checks");
			assertThat(checks.size()).isOne();
			assertThat(checks.path("service:" + id).path("Type").asText()).isEqualTo("grpc");
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
		}
	}

	@Test
	void keepingTheHttpCheckRegistersBothAndBothPass() {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext shop = ConsulApps
					.shop(agent.port(), "a", web("health-grpc.consul.check.keep-http-check=true"))
					.run()) {
			String id = ConsulApps.instanceId(shop);
			JsonNode checks = ConsulApps.get(agent.uri(), "/v1/agent/checks");
			assertThat(checks.size()).isEqualTo(2);
			List<String> types = List.of(checks.path("service:" + id + ":1").path("Type").asText(),
					checks.path("service:" + id + ":2").path("Type").asText());
			assertThat(types).containsExactlyInAnyOrder("grpc", "http");
			await().atMost(PATIENCE)
				.until(() -> "passing".equals(agent.checkStatus("service:" + id + ":1"))
						&& "passing".equals(agent.checkStatus("service:" + id + ":2")));
		}
	}

	@Test
	void notServingTurnsTheCheckCriticalAndServingAgainPassing() {
		try (ConsulDevAgent agent = ConsulDevAgent.start();
				ConfigurableApplicationContext shop = ConsulApps.shop(agent.port(), "a").run()) {
			String check = "service:" + ConsulApps.instanceId(shop);
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus(check)));
			shop.getBean(ShopApplication.Db.class).down();
			await().atMost(PATIENCE).until(() -> "critical".equals(agent.checkStatus(check)));
			assertThat(ConsulApps.get(agent.uri(), "/v1/agent/checks").path(check).path("Output").asText())
				.endsWith("serving status: NOT_SERVING");
			shop.getBean(ShopApplication.Db.class).up();
			await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus(check)));
		}
	}

	@Test
	void atShutdownTheCheckTurnsCriticalThenTheInstanceIsDeregisteredThenTheServerStops() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			assertShutdownOrder(agent, ConsulApps.shop(agent.port(), "a"));
		}
	}

	@Test
	void theShutdownOrderHoldsWithAnAsynchronousEventMulticaster() {
		ExecutorService events = Executors.newCachedThreadPool();
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			assertShutdownOrder(agent,
					ConsulApps.shop(agent.port(), "a").initializers((ConfigurableApplicationContext context) -> {
						SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster(
								context.getBeanFactory());
						multicaster.setTaskExecutor(events);
						context.getBeanFactory()
							.registerSingleton(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
									multicaster);
					}));
		}
		finally {
			events.shutdownNow();
		}
	}

	private static void assertShutdownOrder(ConsulDevAgent agent, ConsulApps.Launch launch) {
		AtomicReference<Boolean> registeredWhenServerStopped = new AtomicReference<>();
		AtomicReference<String> id = new AtomicReference<>();
		ConfigurableApplicationContext shop = launch.listeners(new ApplicationListener<GrpcServerShutdownEvent>() {

			@Override
			public void onApplicationEvent(GrpcServerShutdownEvent event) {
				registeredWhenServerStopped.set(agent.isRegistered(id.get()));
			}

			@Override
			public boolean supportsAsyncExecution() {
				// read when the server stops, not some time later
				return false;
			}

		}).run();
		id.set(ConsulApps.instanceId(shop));
		String check = "service:" + id.get();
		await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus(check)));
		shop.close();
		List<String> history = agent.history()
			.stream()
			.filter((event) -> event.id().equals(id.get()) || event.id().equals(check))
			.map(AgentEvent::toString)
			.toList();
		assertThat(history).endsWith("CHECK " + check + " passing", "CHECK " + check + " critical",
				"DEREGISTERED " + id.get());
		assertThat(registeredWhenServerStopped).hasValue(false);
	}

	@Test
	void withFailFastAnApplicationDoesNotStartWithoutItsAgent() {
		int nobody = ConsulApps.freePort();
		assertThatException()
			.isThrownBy(() -> ConsulApps.shop(nobody, "a", "spring.cloud.consul.discovery.fail-fast=true").run())
			.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(java.net.ConnectException.class));
	}

	@Test
	void anAgentThatComesUpLaterGetsTheRegistration(CapturedOutput output) {
		int port = ConsulApps.freePort();
		try (ConfigurableApplicationContext shop = ConsulApps.shop(port, "a").run()) {
			String id = ConsulApps.instanceId(shop);
			await().atMost(PATIENCE).until(() -> output.getOut().contains("Could not keep " + id + " registered"));
			try (ConsulDevAgent agent = ConsulDevAgent.builder().port(port).start()) {
				await().atMost(PATIENCE).until(() -> "passing".equals(agent.checkStatus("service:" + id)));
				assertThat(output.getOut()).contains("Registered " + id + " with the Consul agent");
				shop.close();
				assertThat(agent.isRegistered(id)).isFalse();
			}
		}
	}

	@Test
	void anAgentThatRestartsGetsTheRegistrationAgain() {
		ConsulDevAgent first = ConsulDevAgent.start();
		int port = first.port();
		try (ConfigurableApplicationContext shop = ConsulApps.shop(port, "a").run()) {
			String id = ConsulApps.instanceId(shop);
			assertThat(first.isRegistered(id)).isTrue();
			first.close();
			try (ConsulDevAgent second = ConsulDevAgent.builder().port(port).start()) {
				assertThat(second.isRegistered(id)).isFalse();
				await().atMost(PATIENCE).until(() -> "passing".equals(second.checkStatus("service:" + id)));
				shop.close();
			}
		}
	}

	@Test
	void aMalformedAgentCostsOneLineAndLeavesNoThreadBehind(CapturedOutput output) throws Exception {
		Set<String> before = liveThreads();
		int from = output.getAll().length();
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.of(200, "{\"ID\": [1, 2"))) {
			ConfigurableApplicationContext shop = ConsulApps.shop(agent.port(), "a").run();
			String id = ConsulApps.instanceId(shop);
			// the keeper asks several times, with backoff
			await().atMost(PATIENCE)
				.until(() -> agent.requests()
					.stream()
					.filter((r) -> r.uri().endsWith("/v1/agent/service/" + id))
					.count() >= 3);
			shop.close();
			List<LogLine> lines = LogLine.parse(output.getAll().substring(from));
			// health-grpc: one line for the whole streak
			assertThat(lines).filteredOn(LogLine::isHealthGrpc)
				.filteredOn(LogLine::isWarningOrWorse)
				.extracting(LogLine::message)
				.containsExactly("Could not keep " + id + " registered with the Consul agent at " + agent.uri()
						+ "/ (malformed answer: {\"ID\": [1, 2); retrying with backoff up to 30 s");
			// everything else above INFO is Spring Cloud's own: its catalog watch, once
			// per
			// look at the catalog (docs/consul.md), and the load balancer's cache notice
			// at
			// startup, which has nothing to do with the agent
			assertThat(lines).filteredOn((line) -> !line.isHealthGrpc())
				.filteredOn(LogLine::isWarningOrWorse)
				.extracting(LogLine::logger)
				.allMatch((logger) -> logger.endsWith("discovery.ConsulCatalogWatch")
						|| logger.endsWith("LoadBalancerCaffeineWarnLogger"));
		}
		// every thread the application started ends (the JDK's HTTP client's selector on
		// JDK 17 when the client is collected; grpc-java's and Netty's shared ones once
		// idle); the JDK's own shared pools may stay
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			System.gc();
			assertThat(liveThreads()).as("threads left behind")
				.allMatch((name) -> before.contains(name) || name.equals("awaitility-thread")
						|| name.startsWith("ForkJoinPool.commonPool-worker-")
						|| name.equals("CompletableFutureDelayScheduler"));
		});
	}

	private static Set<String> liveThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.collect(java.util.stream.Collectors.toSet());
	}

	/**
	 * A line of Spring Boot's console log.
	 */
	record LogLine(String level, String logger, String message) {

		private static final Pattern FORMAT = Pattern
			.compile("^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) \\d+ --- \\[[^\\]]*\\] \\[[^\\]]*\\] (\\S+)\\s*: (.*)$");

		static List<LogLine> parse(String output) {
			List<LogLine> lines = new java.util.ArrayList<>();
			for (String line : output.split("\\R")) {
				Matcher matcher = FORMAT.matcher(line);
				if (matcher.matches()) {
					lines.add(new LogLine(matcher.group(1), matcher.group(2), matcher.group(3)));
				}
			}
			return lines;
		}

		boolean isHealthGrpc() {
			return this.logger.startsWith("i.g.h") || this.logger.startsWith("io.github.healthgrpc.");
		}

		boolean isWarningOrWorse() {
			return this.level.equals("WARN") || this.level.equals("ERROR");
		}

	}

	@Test
	void anAgentThatHangsAddsAtMostThreeRequestTimeoutsToTheShutdown(CapturedOutput output) throws Exception {
		java.util.concurrent.atomic.AtomicInteger registrations = new java.util.concurrent.atomic.AtomicInteger();
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> {
			if (request.uri().startsWith("/v1/agent/service/register")) {
				// Spring Cloud Consul's registration at startup goes through; the
				// keeper's
				// hangs
				return (registrations.incrementAndGet() == 1) ? Reply.of(200, "") : Reply.never();
			}
			if (request.uri().startsWith("/v1/agent/service/deregister/")) {
				return Reply.never();
			}
			// the agent lost the instance: the keeper registers it again
			return request.uri().startsWith("/v1/agent/service/") ? Reply.of(404, "unknown service ID")
					: Reply.of(200, "{}", java.util.Map.of("X-Consul-Index", "1"));
		})) {
			ConfigurableApplicationContext shop = ConsulApps
				.shop(agent.port(), "a", "health-grpc.consul.agent.request-timeout=2s",
						"health-grpc.health.lifecycle.drain-delay=0s")
				.run();
			// the worst moment: the keeper's registration has just been sent
			await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> registrations.get() >= 2);
			long closing = System.nanoTime();
			shop.close();
			Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);
			System.out.println("Consul shutdown with a hanging agent: " + shutdown.toMillis() + " ms");
			// the keeper's registration (up to 2 s), then the deregistration (2 s), then
			// closing Spring Cloud Consul's HTTP client, which gives the calls under way
			// up
			// to 2 s to end (the deregistration does not), then the rest
			assertThat(shutdown).isGreaterThan(Duration.ofMillis(4000)).isLessThan(Duration.ofMillis(6000 + 1500));
			assertThat(output.getOut())
				.contains("Could not deregister from Consul at shutdown (the agent did not answer within 2000 ms");
		}
	}

	@Test
	void aSlowAgentHoldsNeitherStartupNorShutdown(CapturedOutput output) throws Exception {
		try (MisbehavingAgent agent = new MisbehavingAgent((request) -> Reply.never())) {
			long started = System.nanoTime();
			ConfigurableApplicationContext shop = ConsulApps
				.shop(agent.port(), "a", "health-grpc.consul.agent.read-timeout=1s",
						"health-grpc.consul.agent.request-timeout=500ms")
				.run();
			String id = ConsulApps.instanceId(shop);
			await().atMost(PATIENCE).until(() -> output.getOut().contains("Could not keep " + id + " registered"));
			shop.close();
			// bounded, so that a hang fails here: 1 s for the registration, 0.5 s for the
			// deregistration, 1.5 s of drain, and the rest of startup and shutdown
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
			assertThat(output.getOut())
				.contains("Could not deregister from Consul at shutdown (the agent did not answer within 500 ms");
			await().atMost(PATIENCE).until(() -> ConsulApps.threadsNamed("health-grpc-consul").isEmpty());
		}
	}

	private static String[] web(String... extra) {
		List<String> properties = new java.util.ArrayList<>(List.of(WEB));
		properties.addAll(List.of(extra));
		return properties.toArray(String[]::new);
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
