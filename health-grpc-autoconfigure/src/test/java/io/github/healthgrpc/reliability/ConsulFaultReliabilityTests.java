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

package io.github.healthgrpc.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.healthgrpc.integration.consul.ConsulApps;
import io.github.healthgrpc.integration.consul.ShopClientApplication.ShopClient;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Consul dev agent stopped and started again while a shop instance is registered and
 * a {@code discovery:///shop} client keeps calling it: the calls go on, and the instance
 * is registered again, its GRPC check passing.
 *
 * @author health-grpc authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsulFaultReliabilityTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final int CALLERS = 2;

	// one of health-grpc's policies: on a resolution error it must keep what is ready
	private static final String POLICY = "grpc.client.shop.default-load-balancing-policy=least_request";

	@Test
	void anAgentThatRestartsUnderTrafficGetsTheRegistrationBackWhileCallsGoOn(CapturedOutput output) throws Exception {
		ConsulDevAgent first = ConsulDevAgent.start();
		int port = first.port();
		ConsulDevAgent second = null;
		Calls calls = new Calls();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS, calls::newCaller);
		try (ConfigurableApplicationContext shop = ConsulApps.shop(port, "a").run();
				ConfigurableApplicationContext client = ConsulApps.client(port, POLICY).run()) {
			String id = ConsulApps.instanceId(shop);
			await().atMost(PATIENCE).until(() -> "passing".equals(first.checkStatus("service:" + id)));
			ShopClient shopClient = client.getBean(ShopClient.class);
			for (int i = 0; i < CALLERS; i++) {
				callers.execute(() -> calls.keepCalling(shopClient));
			}
			long began = System.nanoTime();
			calls.awaitWhileAllSucceed("calls before the outage", () -> calls.succeededAfter(began) >= 100);

			long stopped = System.nanoTime();
			first.close();
			// the instance's keeper and the client's health watch both lose the agent
			calls.awaitWhileAllSucceed("the outage noticed",
					() -> output.getOut().contains("Could not keep " + id + " registered")
							&& output.getOut().contains("Consul health watch of 'shop'")
							&& calls.succeededAfter(stopped) >= 5_000);
			int restartedAt = output.getOut().length();
			long restarted = System.nanoTime();
			second = ConsulDevAgent.builder().port(port).start();
			ConsulDevAgent agent = second;
			// a new agent, a new catalog index: Spring Cloud's catalog watch makes
			// clients resolve again within a second; do it now, while it is empty
			client.publishEvent(new HeartbeatEvent(this, "agent restarted"));
			calls.awaitWhileAllSucceed("the empty agent resolved",
					() -> output.getOut().indexOf("No servers found for shop", restartedAt) >= 0);
			calls.awaitWhileAllSucceed("the registration back and passing",
					() -> "passing".equals(agent.checkStatus("service:" + id)));
			long restored = System.nanoTime();
			calls.awaitWhileAllSucceed("calls after the restoration", () -> calls.succeededAfter(restored) >= 100);
			calls.stop();
			callers.shutdown();
			assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

			JsonNode service = ConsulApps.get(agent.uri(), "/v1/agent/service/" + id);
			JsonNode check = ConsulApps.get(agent.uri(), "/v1/agent/checks").path("service:" + id);
			List<Calls.Outcome> failed = calls.failed().toList();
			System.out.printf(
					"Consul agent restarted under traffic: down %d ms, registration passing again %d ms after "
							+ "the restart; %,d calls (%,d while the agent was down or empty), %d failed %s%n",
					millis(restarted - stopped), millis(restored - restarted), calls.outcomes.size(),
					calls.outcomes.stream().filter((o) -> o.at() > stopped && o.at() < restored).count(), failed.size(),
					failed.stream().map(Calls.Outcome::message).distinct().toList());
			int grpcPort = shop.getBean(GrpcServerProperties.class).getPort();
			assertThat(service.path("Port").asInt()).isEqualTo(grpcPort);
			assertThat(service.path("Meta").path("gRPC_port").asText()).isEqualTo(Integer.toString(grpcPort));
			assertThat(service.path("Address").asText()).isEqualTo("127.0.0.1");
			assertThat(check.path("Type").asText()).isEqualTo("grpc");
			assertThat(check.path("Status").asText()).isEqualTo("passing");
			// the instance itself never stopped: no call needs to fail
			assertThat(failed).as("failed calls").isEmpty();
		}
		finally {
			calls.stop();
			callers.shutdownNow();
			first.close();
			if (second != null) {
				second.close();
			}
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	/**
	 * Blocking calls in a loop on each caller's thread, each outcome kept. A wait that
	 * fails says what the callers were doing and how the first failed call failed, down
	 * to its causes: a flake must be diagnosable from the build's output alone.
	 */
	private static final class Calls {

		private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

		private final Queue<Thread> callerThreads = new ConcurrentLinkedQueue<>();

		private volatile boolean stopping;

		Thread newCaller(Runnable runnable) {
			Thread thread = new Thread(runnable, "shop-caller-" + this.callerThreads.size());
			this.callerThreads.add(thread);
			return thread;
		}

		void keepCalling(ShopClient client) {
			while (!this.stopping) {
				try {
					client.who();
					this.outcomes.add(new Outcome(System.nanoTime(), null));
				}
				catch (Throwable ex) {
					// an Error too: a caller that died of one would stall the test
					// silently
					this.outcomes.add(new Outcome(System.nanoTime(), ex));
				}
			}
		}

		void stop() {
			this.stopping = true;
		}

		// fails at the first failed call, naming it, rather than when patience runs out
		void awaitWhileAllSucceed(String what, Callable<Boolean> condition) {
			try {
				await(what).atMost(PATIENCE).until(() -> failed().findAny().isPresent() || condition.call());
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError(
						ex.getMessage() + "; " + this.outcomes.size() + " calls so far\n" + callersNow(), ex);
			}
			assertThat(failed().map(Outcome::message).distinct())
				.as(() -> "failed calls, the first:\n" + failed().findFirst().map(Outcome::trace).orElse("") + "\n"
						+ callersNow())
				.isEmpty();
		}

		private String callersNow() {
			StringBuilder text = new StringBuilder();
			for (Thread caller : this.callerThreads) {
				text.append(caller.getName()).append(' ').append(caller.getState()).append('\n');
				for (StackTraceElement frame : caller.getStackTrace()) {
					text.append("\tat ").append(frame).append('\n');
				}
			}
			return text.toString();
		}

		Stream<Outcome> failed() {
			return this.outcomes.stream().filter((outcome) -> outcome.failure != null);
		}

		long succeededAfter(long time) {
			return this.outcomes.stream().filter((outcome) -> outcome.at > time && outcome.failure == null).count();
		}

		record Outcome(long at, Throwable failure) {

			String message() {
				return (this.failure != null) ? this.failure.getMessage() : null;
			}

			String trace() {
				StringWriter trace = new StringWriter();
				this.failure.printStackTrace(new PrintWriter(trace));
				return trace.toString();
			}

		}

	}

}
