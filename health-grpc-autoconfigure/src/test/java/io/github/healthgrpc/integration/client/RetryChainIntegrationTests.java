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

package io.github.healthgrpc.integration.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.client.ClientServiceConfig;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Retries at every hop of a chain, over Netty: a caller, A and B (health-grpc
 * applications whose handlers call the next hop and let failures propagate), and C, which
 * answers every call UNAVAILABLE, as an overloaded or stopping service does. Every hop
 * retries UNAVAILABLE up to 3 attempts. Without the pushback, one call would reach C up
 * to 3 x 3 x 3 times.
 *
 * @author health-grpc authors
 */
class RetryChainIntegrationTests {

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@Test
	void anOutageThreeHopsDeepIsRetriedAtOneHopOnly() throws Exception {
		Backend c = this.started.backend("c");
		c.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE);
		ConfigurableApplicationContext b = relay("static://" + c.hostAndPort());
		ConfigurableApplicationContext a = relay("static://127.0.0.1:" + port(b));
		ManagedChannel channel = this.started
			.add(new ClosingChannel(NettyChannelBuilder.forTarget(target(a))
				.usePlaintext()
				.enableRetry()
				.defaultServiceConfig(ClientServiceConfig.builder()
					.retry(List.of("test.v1.Echo"),
							new ClientServiceConfig.RetryPolicy(3, java.time.Duration.ofMillis(10),
									java.time.Duration.ofMillis(50), 2.0, List.of(Status.Code.UNAVAILABLE)))
					.build())
				.build()))
			.channel();
		StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
				() -> EchoGrpc.newBlockingStub(channel)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.echo(ClientApplication.HI));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		// B retried C (3 attempts, the most one hop makes); A and the caller did not
		// retry what B had retried already
		assertThat(c.echoCalls()).isEqualTo(3);
		assertThat(calls(b)).isOne();
		assertThat(calls(a)).isOne();
	}

	@Test
	void withoutThePushbackEveryHopRetriesAndOnlyThrottlingLimitsIt() throws Exception {
		Backend c = this.started.backend("c");
		c.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE);
		ConfigurableApplicationContext b = relay("static://" + c.hostAndPort(),
				"health-grpc.interceptors.exceptions.downstream-retry-pushback=false");
		ConfigurableApplicationContext a = relay("static://127.0.0.1:" + port(b),
				"health-grpc.interceptors.exceptions.downstream-retry-pushback=false");
		EchoGrpc.EchoBlockingStub stub = EchoGrpc.newBlockingStub(
				this.started.add(new ClosingChannel(NettyChannelBuilder.forTarget(target(a)).usePlaintext().build()))
					.channel());
		catchThrowableOfType(StatusRuntimeException.class,
				() -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).echo(ClientApplication.HI));
		// A retried B 3 times, and B's throttling let 3, 2 and 1 attempts through
		assertThat(calls(a)).isOne();
		assertThat(calls(b)).isEqualTo(3);
		assertThat(c.echoCalls()).isEqualTo(3 + 2 + 1);
	}

	private ConfigurableApplicationContext relay(String next, String... more) {
		List<String> properties = new java.util.ArrayList<>(
				List.of("grpc.server.port=0", "grpc.server.address=127.0.0.1", "grpc.client.next.address=" + next,
						"grpc.client.next.negotiation-type=plaintext",
						"health-grpc.client.channels.next.retry.methods=test.v1.Echo",
						"health-grpc.client.channels.next.retry.initial-backoff=10ms",
						"health-grpc.client.channels.next.retry.max-backoff=50ms",
						"health-grpc.health.lifecycle.drain-delay=0"));
		properties.addAll(List.of(more));
		return this.started.context(RelayApplication.class, properties);
	}

	// a plain host:port would go through Spring Cloud discovery, net.devh's default
	// scheme
	private static String target(ConfigurableApplicationContext context) {
		return "dns:///127.0.0.1:" + port(context);
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getBean(GrpcServerProperties.class).getPort();
	}

	private static int calls(ConfigurableApplicationContext context) {
		return context.getBean(RelayApplication.Relay.class).calls.get();
	}

	/**
	 * A channel closed with the test.
	 */
	private record ClosingChannel(ManagedChannel channel) implements AutoCloseable {

		@Override
		public void close() throws InterruptedException {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

	}

}
