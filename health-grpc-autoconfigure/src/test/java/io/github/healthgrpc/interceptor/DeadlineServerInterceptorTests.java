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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tests for {@link DeadlineServerInterceptor}, together with the exception interceptor
 * inside it.
 *
 * @author health-grpc authors
 */
class DeadlineServerInterceptorTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final DeadlineProbeService service = new DeadlineProbeService();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private Server server;

	private ManagedChannel channel;

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.scheduler.shutdownNow();
	}

	@Test
	void aCallWithoutDeadlineGetsTheDefault() throws Exception {
		start(new DeadlinePolicy(Duration.ofSeconds(3), null), Map.of(), Duration.ZERO);
		assertThat(remaining(unary("remaining", null))).isBetween(1L, 3000L);
	}

	@Test
	void aLongerDeadlineIsCappedAndAShorterOneKept() throws Exception {
		start(new DeadlinePolicy(null, Duration.ofSeconds(2)), Map.of(), Duration.ZERO);
		assertThat(remaining(unary("remaining", Duration.ofMinutes(10)))).isBetween(1L, 2000L);
		assertThat(remaining(unary("remaining", Duration.ofMillis(800)))).isBetween(1L, 800L);
	}

	@Test
	void aCallWithTooLittleTimeLeftIsRejectedWithoutRunningTheHandler() throws Exception {
		start(DeadlinePolicy.NONE, Map.of(), Duration.ofSeconds(2));
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
				() -> unary("remaining", Duration.ofMillis(500)));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(ex.getStatus().getDescription()).startsWith("Deadline too short");
		assertThat(this.service.calls).hasValue(0);
		assertThat(this.events).containsExactly("rejected test.v1.Calls/Unary");
	}

	@Test
	void aHandlerThatOverrunsGivesDeadlineExceededAndSeesTheCancellation() throws Exception {
		start(new DeadlinePolicy(Duration.ofMillis(200), null), Map.of(), Duration.ZERO);
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class, () -> unary("hang", null));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(ex.getStatus().getDescription()).matches("Server deadline of \\d+ ms exceeded");
		await().untilTrue(this.service.sawCancellation);
		assertThat(this.events).containsExactly("exceeded test.v1.Calls/Unary");
	}

	@Test
	void streamingCallsAreExemptFromTheGlobalDefault() throws Exception {
		start(new DeadlinePolicy(Duration.ofSeconds(3), null), Map.of(), Duration.ZERO);
		assertThat(serverStream()).isEqualTo("none");
	}

	@Test
	void aStreamingMethodGetsADeadlineWhenConfigured() throws Exception {
		start(new DeadlinePolicy(Duration.ofSeconds(3), null),
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(Duration.ofSeconds(1), null)), Duration.ZERO);
		assertThat(remaining(serverStream())).isBetween(1L, 1000L);
	}

	private void start(DeadlinePolicy global, Map<String, DeadlinePolicy> overrides, Duration minTimeRemaining)
			throws Exception {
		InterceptorEventListener events = new InterceptorEventListener() {

			@Override
			public void deadlineRejected(String method) {
				DeadlineServerInterceptorTests.this.events.add("rejected " + method);
			}

			@Override
			public void deadlineExceeded(String method) {
				DeadlineServerInterceptorTests.this.events.add("exceeded " + method);
			}

		};
		DeadlineServerInterceptor deadlines = new DeadlineServerInterceptor(new DeadlinePolicies(global, overrides),
				minTimeRemaining, this.scheduler, events);
		ExceptionStatusServerInterceptor exceptions = new ExceptionStatusServerInterceptor(
				ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(null)),
				new ErrorResponseFactory("test", 100, Duration.ZERO), (ex) -> false, InterceptorEventListener.NONE);
		String name = InProcessServerBuilder.generateName();
		// a real executor: the hanging handler must not block the transport
		this.server = InProcessServerBuilder.forName(name)
			.addService(ServerInterceptors.interceptForward(this.service, deadlines, exceptions))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name).build();
	}

	private String unary(String text, Duration deadline) {
		CallsGrpc.CallsBlockingStub stub = CallsGrpc.newBlockingStub(this.channel);
		if (deadline != null) {
			stub = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
		}
		return stub.unary(EchoRequest.newBuilder().setText(text).build()).getText();
	}

	private String serverStream() {
		return CallsGrpc.newBlockingStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("remaining").build())
			.next()
			.getText();
	}

	private static long remaining(String text) {
		return Long.parseLong(text);
	}

}
