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

package io.github.healthgrpc.interceptor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.healthgrpc.test.v1.EchoResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A deadline set by server A's interceptor travels with the call A's handler makes to
 * server B, and an overrun ends A's handler as a client's deadline would, over real Netty
 * connections. Each test needs the interceptor: without it, B would see another deadline
 * (or none), and A's handler would run on.
 *
 * @author health-grpc authors
 */
class DeadlinePropagationIntegrationTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final DeadlineProbeService serviceA = new DeadlineProbeService();

	private final DeadlineProbeService serviceB = new DeadlineProbeService();

	private Server serverA;

	private Server serverB;

	private ManagedChannel toA;

	private ManagedChannel toB;

	@BeforeEach
	void startServerB() throws Exception {
		this.serverB = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(this.serviceB)
			.build()
			.start();
		this.toB = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.serverB.getPort()))
			.usePlaintext()
			.build();
		this.serviceA.downstream = this.toB;
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.toA.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.toB.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.serverA.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.serverB.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.scheduler.shutdownNow();
	}

	@Test
	void theDefaultThatServerASetReachesServerB() throws Exception {
		startServerA(new DeadlinePolicy(Duration.ofSeconds(2), null));
		assertThat(remainingAtB(CallsGrpc.newBlockingStub(this.toA))).isBetween(1L, 2000L);
	}

	@Test
	void theMaximumThatServerASetShortensTheCallersDeadlineForServerB() throws Exception {
		startServerA(new DeadlinePolicy(null, Duration.ofMillis(700)));
		assertThat(remainingAtB(CallsGrpc.newBlockingStub(this.toA).withDeadlineAfter(10, TimeUnit.SECONDS)))
			.isBetween(1L, 700L);
	}

	@Test
	void anOverrunOfServerAsDefaultIsDeadlineExceededFromTheServer() throws Exception {
		startServerA(new DeadlinePolicy(Duration.ofMillis(300), null));
		long started = System.nanoTime();
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.toA).unary(EchoRequest.newBuilder().setText("hang").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(ex.getStatus().getDescription()).startsWith("Server deadline of");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void afterAnOverrunOverNettyTheHandlersStreamIsCancelled() throws Exception {
		startServerA(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofMillis(200))));
		java.util.Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.toA)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.serverStream(EchoRequest.newBuilder().setText("produce-on-thread").build());
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
				() -> responses.forEachRemaining((response) -> {
				}));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		// the server's 200 ms, not the caller's 5 s
		assertThat(ex.getStatus().getDescription()).startsWith("Server deadline of");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.serviceA.producerStopped.get() != null);
		assertThat(this.serviceA.producerStopped).hasValue("CANCELLED");
	}

	private static long remainingAtB(CallsGrpc.CallsBlockingStub stub) {
		return Long.parseLong(stub.unary(EchoRequest.newBuilder().setText("call-downstream").build()).getText());
	}

	private void startServerA(DeadlinePolicy global) throws Exception {
		startServerA(global, Map.of());
	}

	private void startServerA(DeadlinePolicy global, Map<String, DeadlinePolicy> overrides) throws Exception {
		DeadlineServerInterceptor deadlines = new DeadlineServerInterceptor(new DeadlinePolicies(global, overrides),
				Duration.ZERO, this.scheduler, InterceptorEventListener.NONE);
		this.serverA = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(this.serviceA, deadlines))
			.build()
			.start();
		this.toA = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.serverA.getPort()))
			.usePlaintext()
			.build();
	}

}
