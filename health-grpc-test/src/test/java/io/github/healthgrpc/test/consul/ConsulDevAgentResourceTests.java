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

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev agent's resources stay bounded: a held blocking query or an idle connection
 * costs no thread, and a flood of anything a client can send (garbage, cut-off requests,
 * oversized heads and bodies, clients that leave mid-query) leaves it answering, with
 * every connection and held query released and its thread count bounded.
 *
 * @author health-grpc authors
 */
class ConsulDevAgentResourceTests {

	@Test
	void heldQueriesAndIdleConnectionsCostNoThread() {
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulEndpoint endpoint = ConsulEndpoint.of(agent);
			List<RawHttp> clients = new ArrayList<>();
			try {
				RawHttp first = new RawHttp(endpoint);
				clients.add(first);
				String index = first.get("/v1/catalog/services").read().head().split("X-Consul-Index: ")[1]
					.split("\r\n")[0];
				int before = agentThreads();
				for (int i = 1; i <= 150; i++) {
					clients.add(new RawHttp(endpoint).get("/v1/catalog/services?index=" + index + "&wait=60s"));
					int held = i;
					await().atMost(Duration.ofSeconds(10)).until(() -> agent.heldQueries() == held);
				}
				for (int i = 0; i < 40; i++) {
					RawHttp idle = new RawHttp(endpoint);
					clients.add(idle);
					assertThat(idle.get("/v1/status/leader").read().status()).isEqualTo(200);
				}
				assertThat(agent.openLoopbackConnections()).isEqualTo(191);
				// one worker at a time was enough: 190 waiting clients cost no thread
				assertThat(agentThreads()).isLessThanOrEqualTo(before + 4);
			}
			finally {
				clients.forEach(RawHttp::close);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> agent.heldQueries() == 0 && agent.openLoopbackConnections() == 0);
		}
	}

	@Test
	void aFloodOfAnythingLeavesItAnsweringWithItsThreadsBounded() throws Exception {
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
		AtomicInteger maxThreads = new AtomicInteger();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		ExecutorService flooders = Executors.newFixedThreadPool(16);
		try (ConsulDevAgent agent = ConsulDevAgent.start()) {
			ConsulHttp http = new ConsulHttp(ConsulEndpoint.of(agent));
			long index = http.get("/v1/catalog/services").index();
			List<Function<Integer, String>> floods = floods(index);
			sampler.scheduleAtFixedRate(() -> maxThreads.accumulateAndGet(agentThreads(), Math::max), 0, 20,
					TimeUnit.MILLISECONDS);
			AtomicInteger sent = new AtomicInteger();
			for (int f = 0; f < 16; f++) {
				flooders.execute(() -> {
					for (int i = 0; i < 80; i++) {
						flood(agent, floods.get(ThreadLocalRandom.current().nextInt(floods.size())).apply(i));
						sent.incrementAndGet();
					}
				});
			}
			flooders.shutdown();
			assertThat(flooders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
			assertThat(sent).hasValue(16 * 80);
			// still answering, and everything the flood left behind is released
			assertThat(http.get("/v1/status/leader").status()).isEqualTo(200);
			assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"after-flood\"}").status()).isEqualTo(200);
			assertThat(http.get("/v1/health/service/after-flood").json()).hasSize(1);
			await().atMost(Duration.ofSeconds(40))
				.until(() -> agent.heldQueries() == 0 && agent.openLoopbackConnections() <= 1);
			assertThat(failures).isEmpty();
			// each of the 16 clients holds one connection at a time: far below the 200
			// connections one client may hold, which bounds the threads in any case
			System.out.println("Flood of " + sent + " connections: at most " + maxThreads + " agent threads");
			assertThat(maxThreads.get()).isLessThanOrEqualTo(16 + 16);
		}
		finally {
			sampler.shutdownNow();
			flooders.shutdownNow();
			Thread.setDefaultUncaughtExceptionHandler(previous);
		}
	}

	/**
	 * What a client can send, good or bad, each ending with the client leaving.
	 */
	private static List<Function<Integer, String>> floods(long index) {
		return List.of((i) -> "GET /v1/status/leader HTTP/1.1\r\nHost: x\r\n\r\n", (i) -> "NONSENSE\r\n\r\n",
				(i) -> "GET / HTTP/1.1\r\nHost:",
				(i) -> "GET /v1/health/service/x?index=" + index + "&wait=30s HTTP/1.1\r\n\r\n",
				(i) -> "GET /v1/" + "a".repeat(100_000) + " HTTP/1.1\r\n\r\n",
				(i) -> "GET / HTTP/1.1\r\nX: " + "b".repeat(2 * 1024 * 1024) + "\r\n\r\n",
				(i) -> "PUT /v1/agent/service/register HTTP/1.1\r\nContent-Length: 100000000\r\n\r\n{",
				(i) -> "PUT /v1/agent/service/register HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
				(i) -> "PUT /v1/agent/service/register HTTP/1.1\r\nContent-Length: 9\r\n\r\n{\"Name\":1",
				(i) -> "PUT /v1/agent/service/register HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
				(i) -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
				(i) -> "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc",
				(i) -> "GET /v1/health/service/%zz%00?tag=%ff HTTP/1.1\r\n\r\n",
				(i) -> "GET /v1/catalog/services?index=" + index + "&wait=-1h HTTP/1.0\r\n\r\n",
				(i) -> "GET /v1/status/leader HTTP/1.1\r\n\r\n".repeat(50),
				(i) -> "PUT /v1/agent/service/register HTTP/1.1\r\nContent-Length: 40\r\n\r\n{\"Name\":\"flood-" + i
						+ "\",\"Port\":1.5}\r\n\r\n",
				(i) -> randomBytes(4096));
	}

	private static String randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Send, read a little of what comes back, and leave.
	 */
	private static void flood(ConsulDevAgent agent, String request) {
		try (Socket socket = new Socket("127.0.0.1", agent.port())) {
			socket.setSoTimeout(200);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.getInputStream().read(new byte[512]);
		}
		catch (IOException ex) {
			// a reset, a timeout: what a flood gets
		}
	}

	private static int agentThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("consul-dev-agent"))
			.count();
	}

}
