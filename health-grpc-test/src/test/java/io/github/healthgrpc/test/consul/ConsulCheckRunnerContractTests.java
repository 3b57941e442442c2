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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The check runner, as Consul's: a target that hangs delays no other check, an HTTP probe
 * is bounded in size and time, and registrations racing for one id leave one probe loop
 * on the newest definition. Against the dev agent, or a real agent when
 * {@code CONSUL_HTTP_ADDR} is set (on this machine: the targets are on 127.0.0.1).
 *
 * @author health-grpc authors
 */
class ConsulCheckRunnerContractTests {

	@RegisterExtension
	static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();

	private final String name = "runner-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<String> registered = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private ConsulHttp http;

	@BeforeEach
	void connect() {
		this.http = new ConsulHttp(consul.endpoint());
	}

	@AfterEach
	void stop() throws Exception {
		this.registered.forEach((id) -> this.http.put("/v1/agent/service/deregister/" + id, ""));
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aHundredHungHttpAndGrpcTargetsDoNotDelayAHealthyCheck() throws Exception {
		Hung hung = hung();
		String target = "127.0.0.1:" + hung.port();
		StringBuilder http = new StringBuilder();
		StringBuilder grpc = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			http.append((i > 0) ? "," : "")
				.append("{\"CheckID\":\"h")
				.append(i)
				.append("\",\"HTTP\":\"http://")
				.append(target)
				.append("/\",\"Interval\":\"1s\",\"Timeout\":\"10s\"}");
			grpc.append((i > 0) ? "," : "")
				.append("{\"CheckID\":\"g")
				.append(i)
				.append("\",\"GRPC\":\"")
				.append(target)
				.append("\",\"Interval\":\"1s\",\"Timeout\":\"10s\"}");
		}
		register(this.name + "-hung-http", "\"Checks\":[" + http + "]");
		register(this.name + "-hung-grpc", "\"Checks\":[" + grpc + "]");
		// every hung check has a probe waiting on the target before the healthy one is
		// added
		await().atMost(Duration.ofSeconds(20)).until(() -> hung.accepted() >= 200);
		Counted healthy = grpcServer();
		long registeredAt = System.nanoTime();
		register(this.name + "-healthy",
				"\"Check\":{\"GRPC\":\"127.0.0.1:" + healthy.port() + "\",\"Interval\":\"1s\",\"Timeout\":\"10s\"}");
		// its first probe comes within the interval
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "passing".equals(status("service:" + this.name + "-healthy")));
		assertThat(Duration.ofNanos(System.nanoTime() - registeredAt)).isLessThan(Duration.ofSeconds(5));
		assertThat(status("h0")).isEqualTo("critical");
	}

	@Test
	void anHttpProbeOfAnEndlessBodyKeepsAtMostItsOutputAndEnds() throws Exception {
		Endless endless = new Endless(true);
		register(this.name, "\"Check\":{\"HTTP\":\"http://127.0.0.1:" + endless.port()
				+ "/\",\"Interval\":\"1s\",\"Timeout\":\"2s\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("service:" + this.name)));
		String output = output("service:" + this.name);
		assertThat(output).startsWith("HTTP GET http://127.0.0.1:" + endless.port() + "/: 200 OK Output: ");
		assertThat(output.length()).isLessThanOrEqualTo(output.indexOf("Output: ") + 8 + 4096);
	}

	@Test
	void anHttpProbeOfABodyThatStallsEndsWithinItsTimeout() throws Exception {
		Endless stalled = new Endless(false);
		register(this.name, "\"Check\":{\"HTTP\":\"http://127.0.0.1:" + stalled.port()
				+ "/\",\"Interval\":\"1s\",\"Timeout\":\"1s\"}");
		// without a bound on the body, the probe would wait for ever and the check would
		// stay critical
		await().atMost(Duration.ofSeconds(10)).until(() -> "passing".equals(status("service:" + this.name)));
		assertThat(output("service:" + this.name)).endsWith("Output: started");
	}

	@Test
	void registrationsRacingForOneIdLeaveOneProbeLoopOnTheNewestDefinition() throws Exception {
		Counted x = grpcServer();
		Counted y = grpcServer();
		Counted z = grpcServer();
		for (int i = 0; i < 50; i++) {
			CyclicBarrier start = new CyclicBarrier(2);
			CompletableFuture<Void> one = CompletableFuture.runAsync(() -> racer(start, x));
			CompletableFuture<Void> two = CompletableFuture.runAsync(() -> racer(start, y));
			CompletableFuture.allOf(one, two).get(30, TimeUnit.SECONDS);
		}
		register(this.name, grpcCheck(z));
		// a second probe of the newest comes an interval after the first: any probe sent
		// before it was registered has long been answered
		await().atMost(Duration.ofSeconds(15)).until(() -> z.calls() >= 2);
		x.reset();
		y.reset();
		// three more probes take two intervals at least: a loop left on another
		// definition
		// would have probed it meanwhile
		await().atMost(Duration.ofSeconds(15)).until(() -> z.calls() >= 5);
		assertThat(x.calls()).isZero();
		assertThat(y.calls()).isZero();
	}

	@Test
	void aProbeOfARemovedCheckNeverStopsTheCheckRegisteredAgainUnderItsId() throws Exception {
		Hung hung = hung();
		register(this.name,
				"\"Check\":{\"GRPC\":\"127.0.0.1:" + hung.port() + "\",\"Interval\":\"1s\",\"Timeout\":\"2s\"}");
		// its probe is on its way, and ends only at its timeout
		await().atMost(Duration.ofSeconds(10)).until(() -> hung.accepted() >= 1);
		this.http.put("/v1/agent/service/deregister/" + this.name, "");
		Counted healthy = grpcServer();
		register(this.name, grpcCheck(healthy));
		// the fourth probe of the new check comes well after the old probe's timeout
		await().atMost(Duration.ofSeconds(15)).until(() -> healthy.calls() >= 4);
		await().atMost(Duration.ofSeconds(5)).until(() -> "passing".equals(status("service:" + this.name)));
	}

	private void racer(CyclicBarrier start, Counted target) {
		try {
			start.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		register(this.name, grpcCheck(target));
	}

	private static String grpcCheck(Counted target) {
		return "\"Check\":{\"GRPC\":\"127.0.0.1:" + target.port() + "\",\"Interval\":\"1s\",\"Timeout\":\"2s\"}";
	}

	private void register(String id, String fields) {
		ConsulHttp.Answer answer = this.http.put("/v1/agent/service/register", "{\"ID\":\"" + id + "\",\"Name\":\""
				+ this.name + "\",\"Address\":\"127.0.0.1\",\"Port\":1," + fields + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		if (!this.registered.contains(id)) {
			this.registered.add(id);
		}
	}

	private String status(String checkId) {
		JsonNode check = this.http.get("/v1/agent/checks").json().get(checkId);
		return (check != null) ? check.get("Status").asText() : "";
	}

	private String output(String checkId) {
		return this.http.get("/v1/agent/checks").json().get(checkId).get("Output").asText();
	}

	private Hung hung() throws IOException {
		Hung hung = new Hung();
		this.closeables.add(hung);
		return hung;
	}

	private Counted grpcServer() throws IOException {
		Counted counted = new Counted();
		this.closeables.add(counted);
		return counted;
	}

	/**
	 * A target that accepts connections and never answers.
	 */
	static final class Hung implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		Hung() throws IOException {
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						this.sockets.add(this.server.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "hung-target");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		int accepted() {
			return this.sockets.size();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

	/**
	 * An HTTP target that answers 200 and then a body that never ends: endless bytes, or
	 * a few and then nothing.
	 */
	final class Endless implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		Endless(boolean streaming) throws IOException {
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket socket = this.server.accept();
						Thread serving = new Thread(() -> serve(socket, streaming), "endless-target");
						serving.setDaemon(true);
						serving.start();
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "endless-acceptor");
			acceptor.setDaemon(true);
			acceptor.start();
			ConsulCheckRunnerContractTests.this.closeables.add(this);
		}

		private void serve(Socket socket, boolean streaming) {
			try (socket) {
				InputStream in = socket.getInputStream();
				int matched = 0;
				while (matched < 4) {
					int b = in.read();
					if (b < 0) {
						return;
					}
					matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r') ? 1 : 0;
				}
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\nstarted")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				byte[] kilobyte = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
				while (streaming) {
					out.write(kilobyte);
				}
				// stalled: keep the connection until the client leaves
				in.read();
			}
			catch (IOException ex) {
				// the client left
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	/**
	 * A gRPC server, SERVING, that counts the health checks it answers.
	 */
	static final class Counted implements AutoCloseable {

		private final AtomicInteger calls = new AtomicInteger();

		private final Server server;

		Counted() throws IOException {
			ServerInterceptor counting = new ServerInterceptor() {

				@Override
				public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
						ServerCallHandler<Q, R> next) {
					return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
							next.startCall(call, headers)) {

						@Override
						public void onHalfClose() {
							Counted.this.calls.incrementAndGet();
							super.onHalfClose();
						}

					};
				}

			};
			this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
				.addService(ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), counting))
				.build()
				.start();
		}

		int port() {
			return this.server.getPort();
		}

		int calls() {
			return this.calls.get();
		}

		void reset() {
			this.calls.set(0);
		}

		@Override
		public void close() throws InterruptedException {
			this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

	}

}
