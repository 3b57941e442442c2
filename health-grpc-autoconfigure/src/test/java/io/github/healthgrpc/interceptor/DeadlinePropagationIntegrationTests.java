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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A deadline set by server A's interceptor travels with the call A's handler makes to
 * server B, over real Netty connections.
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
	void start() throws Exception {
		this.serverB = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(this.serviceB)
			.build()
			.start();
		this.toB = NettyChannelBuilder.forAddress("127.0.0.1", this.serverB.getPort()).usePlaintext().build();
		this.serviceA.downstream = this.toB;
		DeadlineServerInterceptor deadlines = new DeadlineServerInterceptor(
				new DeadlinePolicies(new DeadlinePolicy(Duration.ofSeconds(2), null), Map.of()), Duration.ZERO,
				this.scheduler, InterceptorEventListener.NONE);
		this.serverA = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(this.serviceA, deadlines))
			.build()
			.start();
		this.toA = NettyChannelBuilder.forAddress("127.0.0.1", this.serverA.getPort()).usePlaintext().build();
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
	void theDefaultThatServerASetReachesServerB() {
		String remainingAtB = CallsGrpc.newBlockingStub(this.toA)
			.unary(EchoRequest.newBuilder().setText("call-downstream").build())
			.getText();
		assertThat(Long.parseLong(remainingAtB)).isBetween(1L, 2000L);
	}

	@Test
	void theCallersOwnShorterDeadlineReachesServerB() {
		String remainingAtB = CallsGrpc.newBlockingStub(this.toA)
			.withDeadlineAfter(700, TimeUnit.MILLISECONDS)
			.unary(EchoRequest.newBuilder().setText("call-downstream").build())
			.getText();
		assertThat(Long.parseLong(remainingAtB)).isBetween(1L, 700L);
	}

	@Test
	void withoutAnyDeadlineServerBSeesNone() {
		assertThat(CallsGrpc.newBlockingStub(this.toB)
			.unary(EchoRequest.newBuilder().setText("remaining").build())
			.getText()).isEqualTo("none");
	}

	@Test
	void anOverrunOverNettyIsDeadlineExceeded() {
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.toA)
					.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
					.unary(EchoRequest.newBuilder().setText("hang").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
	}

}
