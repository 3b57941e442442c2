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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.healthgrpc.integration.client.Backend;
import io.github.healthgrpc.integration.client.ClientApplication;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backends that die abruptly under clients: the Watch streams open on one end at once,
 * and health-checked channels under every load-balancing policy lose only the calls in
 * flight on it, then go on with the survivor.
 *
 * @author health-grpc authors
 */
class BackendFaultReliabilityTests {

	private static final String[] POLICIES = { "round_robin", "random", "least_request", "weighted" };

	private static final int CALLERS_PER_POLICY = 8;

	// failures are allowed only this long after the backend died
	private static final Duration WINDOW = Duration.ofSeconds(1);

	@Test
	void watchStreamsOnABackendThatDiesEndAtOnceAndReleaseTheirListeners() throws Exception {
		Backend backend = Backend.start("dying");
		ManagedChannel direct = LoadFaultHarness.channel(backend.port());
		Crashable network = Crashable.to(backend.port());
		ManagedChannel proxied = LoadFaultHarness.channel(network.port());
		try {
			List<Ending> overNetwork = watch(proxied, 50);
			List<Ending> overDirect = watch(direct, 50);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Stream.concat(overNetwork.stream(), overDirect.stream()).allMatch((w) -> w.serving));
			assertThat(backend.health().getListenerCount()).isEqualTo(100);
			// the connection drops without a word (the backend's host crashed): the
			// client can only call the stream UNAVAILABLE
			long crashed = System.nanoTime();
			network.crash();
			await().atMost(Duration.ofSeconds(5)).until(() -> overNetwork.stream().allMatch(Ending::ended));
			report("its host crashed", overNetwork, crashed);
			assertThat(overNetwork).allSatisfy((w) -> assertThat(w.end.getCode()).isEqualTo(Status.Code.UNAVAILABLE));
			// and the server released what the dead connection's streams held
			await().atMost(Duration.ofSeconds(5)).until(() -> backend.health().getListenerCount() == 50);
			assertThat(overDirect).noneMatch(Ending::ended);
			// shutdownNow: grpc-java's server resets each open stream
			// (RST_STREAM CANCEL) before it closes the connection,
			// which the client reads as CANCELLED
			long killed = System.nanoTime();
			backend.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> overDirect.stream().allMatch(Ending::ended));
			report("it was shut down now", overDirect, killed);
			assertThat(overDirect).allSatisfy((w) -> assertThat(w.end.getCode()).isEqualTo(Status.Code.CANCELLED));
			assertThat(backend.health().getListenerCount()).isZero();
			assertThat(Duration.ofNanos(slowest(overNetwork, crashed))).isLessThan(Duration.ofSeconds(2));
			assertThat(Duration.ofNanos(slowest(overDirect, killed))).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			LoadFaultHarness.shutdown(List.of(direct, proxied));
			network.crash();
			backend.close();
		}
	}

	@Test
	void aBackendThatDiesUnderContinuousCallsCostsOnlyTheCallsInFlightUnderEveryPolicy() throws Exception {
		Backend survivor = Backend.start("survivor");
		Backend dying = Backend.start("dying");
		List<String> properties = new ArrayList<>(ClientApplication.discovered(survivor, dying));
		for (String policy : POLICIES) {
			// one client per policy, each its own channel to the same two instances
			properties.add("grpc.client." + policy + ".address=discovery:///backends");
			properties.add("grpc.client." + policy + ".negotiation-type=plaintext");
			properties.add("grpc.client." + policy + ".default-load-balancing-policy=" + policy);
			properties.add("health-grpc.client.channels." + policy + ".health-check.enabled=true");
		}
		ConfigurableApplicationContext client = ClientApplication.run(properties);
		Map<String, Callers> callers = new LinkedHashMap<>();
		try {
			for (String policy : POLICIES) {
				Channel channel = client.getBean(GrpcChannelFactory.class).createChannel(policy);
				callers.put(policy, Callers.start(EchoGrpc.newStub(channel)));
			}
			// every policy has both backends in its rotation
			await().atMost(Duration.ofSeconds(20))
				.until(() -> callers.values()
					.stream()
					.allMatch((c) -> c.answeredBy("dying") && c.answeredBy("survivor")));
			long killed = System.nanoTime();
			dying.close();
			long quiet = killed + WINDOW.toNanos();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> callers.values()
					.stream()
					.allMatch((c) -> c.succeededAfter(quiet) >= 1_000 || c.failedAfter(quiet) > 0));
			callers.values().forEach(Callers::stop);
			await().atMost(Duration.ofSeconds(5)).until(() -> callers.values().stream().allMatch(Callers::stopped));
			callers.forEach((policy, c) -> {
				List<Outcome> failed = c.outcomes.stream().filter((outcome) -> outcome.status != null).toList();
				System.out.printf(
						"Backend died under %s (%d callers): %,d calls, %d failed (%s), the last %d ms after the "
								+ "death; %,d calls after that window, all to the survivor%n",
						policy, CALLERS_PER_POLICY, c.outcomes.size(), failed.size(),
						failed.stream().map((outcome) -> outcome.status.getCode()).distinct().toList(),
						failed.stream().mapToLong((outcome) -> (outcome.at - killed) / 1_000_000).max().orElse(-1),
						c.succeededAfter(quiet));
				assertThat(failed).as(policy).allSatisfy((outcome) -> {
					assertThat(outcome.at).as("failed before the death").isGreaterThan(killed);
					assertThat(outcome.at).as("failed after the window").isLessThan(quiet);
				});
				assertThat(c.outcomes).as(policy)
					.filteredOn((outcome) -> outcome.at > quiet)
					.allSatisfy((outcome) -> assertThat(outcome.who).isEqualTo("survivor"));
			});
		}
		finally {
			callers.values().forEach(Callers::stop);
			client.close();
			dying.close();
			survivor.close();
		}
	}

	private static List<Ending> watch(ManagedChannel channel, int streams) {
		List<Ending> watches = new ArrayList<>();
		for (int i = 0; i < streams; i++) {
			Ending watch = new Ending();
			HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), watch);
			watches.add(watch);
		}
		return watches;
	}

	private static long slowest(List<Ending> watches, long since) {
		return watches.stream().mapToLong((watch) -> watch.endedAt - since).max().orElseThrow();
	}

	private static void report(String how, List<Ending> watches, long since) {
		System.out.printf("Backend died (%s) under %d Watch streams: all ended within %d ms, %s%n", how, watches.size(),
				TimeUnit.NANOSECONDS.toMillis(slowest(watches, since)),
				watches.stream()
					.map((watch) -> watch.end.getCode() + " " + watch.end.getDescription())
					.distinct()
					.toList());
	}

	/**
	 * A Watch stream that records whether it saw SERVING and how it ended.
	 */
	private static final class Ending implements StreamObserver<HealthCheckResponse> {

		private volatile boolean serving;

		private volatile Status end;

		private volatile long endedAt;

		boolean ended() {
			return this.end != null;
		}

		@Override
		public void onNext(HealthCheckResponse value) {
			this.serving = value.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
		}

		@Override
		public void onError(Throwable ex) {
			this.endedAt = System.nanoTime();
			this.end = Status.fromThrowable(ex);
		}

		@Override
		public void onCompleted() {
			this.endedAt = System.nanoTime();
			this.end = Status.OK;
		}

	}

	/**
	 * One call's outcome: when it ended, who answered, or how it failed.
	 */
	private record Outcome(long at, String who, Status status) {

	}

	/**
	 * Callers in a closed loop on one stub: each starts its next Echo when the previous
	 * one ended, until stopped.
	 */
	private static final class Callers {

		private static final EchoRequest HI = EchoRequest.newBuilder().setText("hi").build();

		private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

		private final AtomicInteger running = new AtomicInteger(CALLERS_PER_POLICY);

		private final EchoGrpc.EchoStub stub;

		private volatile boolean stopping;

		private Callers(EchoGrpc.EchoStub stub) {
			this.stub = stub;
		}

		static Callers start(EchoGrpc.EchoStub stub) {
			Callers callers = new Callers(stub);
			for (int i = 0; i < CALLERS_PER_POLICY; i++) {
				callers.next();
			}
			return callers;
		}

		void stop() {
			this.stopping = true;
		}

		boolean stopped() {
			return this.running.get() == 0;
		}

		boolean answeredBy(String backend) {
			return this.outcomes.stream().anyMatch((outcome) -> backend.equals(outcome.who));
		}

		long succeededAfter(long time) {
			return this.outcomes.stream().filter((outcome) -> outcome.at > time && outcome.status == null).count();
		}

		long failedAfter(long time) {
			return this.outcomes.stream().filter((outcome) -> outcome.at > time && outcome.status != null).count();
		}

		private void next() {
			if (this.stopping) {
				this.running.decrementAndGet();
				return;
			}
			this.stub.withDeadlineAfter(2, TimeUnit.SECONDS).echo(HI, new StreamObserver<>() {

				@Override
				public void onNext(EchoResponse value) {
					Callers.this.outcomes.add(new Outcome(System.nanoTime(), value.getText(), null));
				}

				@Override
				public void onError(Throwable ex) {
					Callers.this.outcomes.add(new Outcome(System.nanoTime(), null, Status.fromThrowable(ex)));
					next();
				}

				@Override
				public void onCompleted() {
					next();
				}

			});
		}

	}

	/**
	 * A TCP relay to a backend whose connections can be dropped at once, with a reset and
	 * no HTTP/2 frame: the network's view of a crashed host.
	 */
	private static final class Crashable implements Runnable {

		private final ServerSocket listener;

		private final int target;

		private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

		private Crashable(int target) throws IOException {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.target = target;
		}

		static Crashable to(int port) throws IOException {
			Crashable relay = new Crashable(port);
			Thread thread = new Thread(relay, "crashable-relay");
			thread.setDaemon(true);
			thread.start();
			return relay;
		}

		int port() {
			return this.listener.getLocalPort();
		}

		@Override
		public void run() {
			try {
				while (true) {
					Socket client = this.listener.accept();
					Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
					this.sockets.add(client);
					this.sockets.add(server);
					pump(client, server);
					pump(server, client);
				}
			}
			catch (IOException ex) {
				// crashed
			}
		}

		private static void pump(Socket from, Socket to) {
			Thread thread = new Thread(() -> {
				try {
					from.getInputStream().transferTo(to.getOutputStream());
				}
				catch (IOException ex) {
					// crashed
				}
			}, "crashable-pump");
			thread.setDaemon(true);
			thread.start();
		}

		void crash() throws IOException {
			this.listener.close();
			for (Socket socket = this.sockets.poll(); socket != null; socket = this.sockets.poll()) {
				if (!socket.isClosed()) {
					socket.setSoLinger(true, 0);
					socket.close();
				}
			}
		}

	}

}
