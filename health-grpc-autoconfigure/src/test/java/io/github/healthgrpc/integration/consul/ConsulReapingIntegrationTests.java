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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.consul.AgentEvent;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crashed instance does not stay listed: its GRPC check turns critical, and Consul
 * removes it after {@code DeregisterCriticalServiceAfter}, with nothing left to register
 * it again.
 *
 * @author health-grpc authors
 */
class ConsulReapingIntegrationTests {

	@Test
	@EnabledOnOs(OS.LINUX)
	void anInstanceKilledWithSigkillDisappearsFromTheCatalog(@TempDir Path dir) throws Exception {
		try (ConsulDevAgent agent = ConsulDevAgent.builder().reaping(Duration.ofMillis(100), Duration.ZERO).start()) {
			Path log = dir.resolve("shop.log");
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
					"-cp", System.getProperty("java.class.path"), KilledShop.class.getName()));
			command.addAll(List.of(ConsulApps.shop(agent.port(), "killed").arguments()));
			Process shop = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			try {
				String id = awaitPassing(agent, shop, log);
				// SIGKILL on Linux: no shutdown hook, no deregistration
				shop.destroyForcibly();
				assertThat(shop.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(shop.exitValue()).isEqualTo(128 + 9);
				long killed = System.nanoTime();
				await().atMost(Duration.ofSeconds(30)).until(() -> !agent.isRegistered(id));
				Duration gone = Duration.ofNanos(System.nanoTime() - killed);
				System.out.println("Consul reaping: a SIGKILLed instance left the catalog after " + gone.toMillis()
						+ " ms (check interval 1 s, DeregisterCriticalServiceAfter 1 s, reaper every 100 ms)");
				List<String> history = agent.history()
					.stream()
					.filter((event) -> event.id().equals(id) || event.id().equals("service:" + id))
					.map(AgentEvent::toString)
					.toList();
				assertThat(history).endsWith("CHECK service:" + id + " critical", "DEREGISTERED " + id);
				// at most one interval to see it, one second critical, one reaper round,
				// and
				// the slack of a busy build machine
				assertThat(gone).isLessThan(Duration.ofSeconds(10));
			}
			finally {
				shop.destroyForcibly();
			}
		}
	}

	private static String awaitPassing(ConsulDevAgent agent, Process shop, Path log) {
		try {
			await().atMost(Duration.ofSeconds(90))
				.until(() -> !shop.isAlive() || registered(agent).stream()
					.anyMatch((id) -> "passing".equals(agent.checkStatus("service:" + id))));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The shop process did not register: " + output(log), ex);
		}
		assertThat(shop.isAlive()).as(() -> output(log)).isTrue();
		return registered(agent).get(0);
	}

	private static List<String> registered(ConsulDevAgent agent) {
		return agent.history()
			.stream()
			.filter((event) -> event.type() == AgentEvent.Type.REGISTERED)
			.map(AgentEvent::id)
			.distinct()
			.toList();
	}

	private static String output(Path log) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			return "(no output: " + ex + ")";
		}
	}

}
