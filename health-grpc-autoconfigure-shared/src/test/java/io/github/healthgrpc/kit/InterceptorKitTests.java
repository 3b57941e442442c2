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
package io.github.healthgrpc.kit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.interceptor.ErrorResponseFactory;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Errors and deadlines over a real connection: the same tests on both lines. Same
 * configuration as {@link HealthKitTests}, so both share one application.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = KitApplication.class,
		properties = { KitApplication.PORT_ZERO, KitApplication.LOOPBACK, "spring.main.web-application-type=none",
				"health-grpc.health.schedule.period=100ms", "health-grpc.health.schedule.contributor-timeout=300ms",
				"health-grpc.health.services[test.v1.Echo].include=db", "health-grpc.health.lifecycle.drain-delay=0",
				"health-grpc.health.legacy.enabled=true", "health-grpc.interceptors.deadlines.default-timeout=300ms" })
class InterceptorKitTests {

	@Autowired
	private KitServer server;

	@Autowired
	private MeterRegistry meters;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = KitChannel.to(this.server);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		KitChannel.close(this.channel);
	}

	@Test
	void anExceptionIsMappedToItsStatusWithItsMessage() {
		StatusRuntimeException ex = fails("iae:quantity must be positive");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).isEqualTo("quantity must be positive");
	}

	@Test
	void anExceptionPassedToOnErrorIsMappedWithoutItsMessage() {
		StatusRuntimeException ex = fails("onerror-iae");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).doesNotContain("passed on");
	}

	@Test
	void aStatusTheHandlerChoseReachesTheCallerAsItIs() {
		StatusRuntimeException ex = fails("status");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
		assertThat(ex.getStatus().getDescription()).isEqualTo("order 42 exists");
	}

	@Test
	void anInternalErrorIsSafeAndCountedWithAnErrorId() {
		StatusRuntimeException ex = fails("npe");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(ex.getStatus().getDescription()).doesNotContain("secret").doesNotContain("NullPointerException");
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isNotBlank();
		org.awaitility.Awaitility.await()
			.until(() -> this.meters.find("grpc.server.exceptions")
				.tag("code", "INTERNAL")
				.tag("exception", "NullPointerException")
				.counter() != null);
	}

	@Test
	void theApplicationsOwnExceptionHandlerWinsOverHealthGrpcsDefaults() {
		StatusRuntimeException ex = fails("arith");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
		assertThat(ex.getStatus().getDescription()).isEqualTo(KitApplication.HANDLER_DESCRIPTION);
	}

	@Test
	void aCallWithoutDeadlineGetsTheServersDefaultAndOverrunsAsDeadlineExceeded() {
		StatusRuntimeException ex = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
				StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.channel).unary(EchoRequest.newBuilder().setText("hang").build())));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(ex.getStatus().getDescription()).startsWith("Server deadline of");
	}

	@Test
	void aCallersOwnDeadlineIsWhatTheHandlerSees() {
		String left = CallsGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.unary(EchoRequest.newBuilder().setText("deadline").build())
			.getText();
		// the caller's 10 s, not the server's 300 ms default
		assertThat(Long.parseLong(left)).isGreaterThan(5_000);
	}

	private StatusRuntimeException fails(String text) {
		return assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.channel)
					.withDeadlineAfter(5, TimeUnit.SECONDS)
					.unary(EchoRequest.newBuilder().setText(text).build()));
	}

}
