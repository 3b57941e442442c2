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

package io.github.healthgrpc.integration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.healthgrpc.interceptor.ErrorResponseFactory;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The interceptors as net.devh applies them to every service, over real Netty.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = InterceptorsTestApplication.class,
		properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
				"grpc.client.self.address=self:self", "grpc.client.self.negotiation-type=plaintext",
				"health-grpc.interceptors.deadlines.default-timeout=300ms",
				"health-grpc.client.deadlines.clients.self.default-timeout=100ms",
				"health-grpc.health.lifecycle.drain-delay=0" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class InterceptorsIntegrationTests {

	@Autowired
	private InterceptorsTestApplication.Clients clients;

	@Autowired
	private GrpcServerProperties server;

	@Autowired
	private MeterRegistry meters;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.server.getPort()))
			.usePlaintext()
			.build();
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void exceptionsAreMappedOnEveryService() {
		StatusRuntimeException ex = fails("iae");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).isEqualTo("quantity must be positive");
	}

	@Test
	void theUsersGrpcAdviceWinsOverTheTable() {
		StatusRuntimeException ex = fails("quota");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(ex.getStatus().getDescription()).isEqualTo("from advice");
	}

	@Test
	void theUsersGrpcAdviceWinsOverAnExceptionPassedToOnErrorToo() {
		StatusRuntimeException ex = fails("quota-onerror");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(ex.getStatus().getDescription()).isEqualTo("from advice");
	}

	@Test
	void aDownstreamStatusFromAnInjectedStubKeepsItsCodeButNotItsDescription() {
		// the server's own status for a direct caller
		assertThat(fails("unavailable").getStatus().getDescription()).contains("10.9.8.7");
		// passed on through onError by a handler that called it with a @GrpcClient stub
		StatusRuntimeException ex = fails("downstream-onerror");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(ex.getStatus().getDescription()).isEqualTo("UNAVAILABLE");
	}

	@Test
	void internalErrorsAreSafeCountedAndLoggedWithTheSameErrorId(CapturedOutput output) {
		StatusRuntimeException ex = fails("npe");
		String errorId = ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY);
		// logged just after the close that the client has already seen
		await().atMost(Duration.ofSeconds(5))
			.until(() -> output.getOut()
				.contains("gRPC call test.v1.Calls/Unary failed with INTERNAL (error id " + errorId + ")"));
		assertThat(output.getOut()).contains("java.lang.NullPointerException: secret");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(ex.getStatus().getDescription()).doesNotContain("secret");
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isNotBlank();
		assertThat(this.meters.get("grpc.server.exceptions")
			.tag("code", "INTERNAL")
			.tag("exception", "NullPointerException")
			.counter()
			.count()).isPositive();
	}

	@Test
	void aCallWithoutDeadlineGetsTheServersDefaultAndOverrunsAsDeadlineExceeded() {
		StatusRuntimeException ex = fails("hang");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(ex.getStatus().getDescription()).startsWith("Server deadline of");
		// counted just after the close that the client has already seen
		await().until(() -> this.meters.find("grpc.server.deadline").tag("outcome", "exceeded").counter() != null);
	}

	@Test
	void anInjectedStubGetsItsClientsDefaultDeadline() {
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
				() -> this.clients.calls.unary(EchoRequest.newBuilder().setText("hang").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		// the client's 100 ms, not the server's 300 ms
		assertThat(ex.getStatus().getDescription()).doesNotStartWith("Server deadline");
	}

	@Test
	void healthWatchIsNotCutByTheDefaultDeadlines() {
		AtomicReference<Throwable> ended = new AtomicReference<>();
		AtomicReference<HealthCheckResponse.ServingStatus> last = new AtomicReference<>();
		this.clients.health.watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

			@Override
			public void onNext(HealthCheckResponse value) {
				last.set(value.getStatus());
			}

			@Override
			public void onError(Throwable t) {
				ended.set(t);
			}

			@Override
			public void onCompleted() {
				ended.set(new IllegalStateException("completed"));
			}

		});
		await().until(() -> last.get() != null);
		// well past both the server's 300 ms and the client's 100 ms defaults
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> ended.get() == null);
	}

	private StatusRuntimeException fails(String text) {
		return assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.channel).unary(EchoRequest.newBuilder().setText(text).build()));
	}

}
