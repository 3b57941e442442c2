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

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultDeadlineClientInterceptor}, with a ticker the test moves.
 *
 * @author health-grpc authors
 */
class DefaultDeadlineClientInterceptorTests {

	private final AtomicLong now = new AtomicLong();

	private final Deadline.Ticker ticker = new Deadline.Ticker() {

		@Override
		public long nanoTime() {
			return DefaultDeadlineClientInterceptorTests.this.now.get();
		}

	};

	private Server server;

	private ManagedChannel channel;

	private CallsGrpc.CallsBlockingStub stub;

	@BeforeEach
	void start() throws Exception {
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(new DeadlineProbeService())
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		this.stub = CallsGrpc.newBlockingStub(ClientInterceptors.intercept(this.channel,
				new DefaultDeadlineClientInterceptor(Duration.ofSeconds(30), this.ticker)));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void theDefaultIsComputedWhenTheCallStartsNotWhenTheStubWasMade() {
		// the stub above is an hour old by now: a deadline fixed at its creation would
		// have passed long ago
		this.now.addAndGet(TimeUnit.HOURS.toNanos(1));
		assertThat(remaining(this.stub)).isBetween(29_000L, 30_000L);
	}

	@Test
	void anExplicitDeadlineIsKept() {
		assertThat(remaining(this.stub.withDeadlineAfter(2, TimeUnit.SECONDS))).isBetween(1L, 2000L);
	}

	@Test
	void streamingCallsGetNoDefault() {
		assertThat(this.stub.serverStream(EchoRequest.newBuilder().setText("remaining").build()).next().getText())
			.isEqualTo("none");
	}

	@Test
	void rejectsATimeoutThatIsNotPositive() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new DefaultDeadlineClientInterceptor(Duration.ZERO));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new DefaultDeadlineClientInterceptor(Duration.ofSeconds(-1)));
	}

	private static long remaining(CallsGrpc.CallsBlockingStub stub) {
		return Long.parseLong(stub.unary(EchoRequest.newBuilder().setText("remaining").build()).getText());
	}

}
