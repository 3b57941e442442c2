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
import io.grpc.stub.StreamObserver;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.healthgrpc.testsupport.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tests for {@link DeadlineServerInterceptor}, together with the exception interceptor
 * inside it.
 *
 * @author health-grpc authors
 */
@org.junit.jupiter.api.extension.ExtendWith(io.github.healthgrpc.testsupport.LogCaptureExtension.class)
class DeadlineServerInterceptorTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final DeadlineProbeService service = new DeadlineProbeService();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private Server server;

	private ManagedChannel channel;

	private Runnable closeAfter = () -> {
	};

	private final GrpcJavaLog grpcLog = new GrpcJavaLog();

	@AfterEach
	void closeGrpcLog() {
		this.grpcLog.close();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.closeAfter.run();
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
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

	@Test
	void anOverrunCancelsTheCallAsAPassedClientDeadlineWould() throws Exception {
		start(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofMillis(200))), Duration.ZERO);
		StatusRuntimeException ex = drainStream("produce-until-cancelled");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(ex.getStatus().getDescription()).startsWith("Server deadline of");
		// the producer loops on isCancelled(): it must see it, and its cancel handler run
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.producerStopped.get() != null);
		assertThat(this.service.producerStopped).hasValue("cancelled");
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.service.cancelHandlerRan);
	}

	@Test
	void afterAnOverrunSendingWithoutACancelHandlerThrowsCancelled() throws Exception {
		start(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofMillis(200))), Duration.ZERO);
		assertThat(drainStream("produce-on-thread").getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.producerStopped.get() != null);
		assertThat(this.service.producerStopped).hasValue("CANCELLED");
	}

	@Test
	void sendsAndTheOverrunsCloseNeverOverlap() throws Exception {
		OverlapProbe probe = new OverlapProbe();
		start(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofMillis(20))), Duration.ZERO,
				probe);
		int calls = 40;
		List<io.grpc.ClientCall<EchoRequest, EchoResponse>> open = new java.util.ArrayList<>();
		for (int i = 0; i < calls; i++) {
			// a client that never reads: the producers' backlog stays queued, unread
			io.grpc.ClientCall<EchoRequest, EchoResponse> call = this.channel.newCall(CallsGrpc.getServerStreamMethod(),
					io.grpc.CallOptions.DEFAULT);
			call.start(new io.grpc.ClientCall.Listener<>() {
			}, new io.grpc.Metadata());
			call.sendMessage(EchoRequest.newBuilder().setText("spam-on-thread").build());
			call.halfClose();
			open.add(call);
			int started = i + 1;
			await().atMost(Duration.ofSeconds(10)).until(() -> this.service.producerOutcomes.size() == started);
		}
		open.forEach((call) -> call.cancel("done", null));
		assertThat(probe.overlaps).as("sends and closes that overlapped").hasValue(0);
		// a producer that races the close sees the cancellation, never a closed call
		assertThat(this.service.producerOutcomes).containsOnly("CANCELLED");
	}

	@Test
	void finishedCallsLeaveNoTimerBehind() throws Exception {
		DeadlineServerInterceptor own = DeadlineServerInterceptor.withOwnScheduler(
				new DeadlinePolicies(new DeadlinePolicy(Duration.ofSeconds(30), null), Map.of()), Duration.ZERO,
				InterceptorEventListener.NONE);
		try {
			String name = InProcessServerBuilder.generateName();
			this.server = InProcessServerBuilder.forName(name)
				.directExecutor()
				.addService(ServerInterceptors.intercept(this.service, own))
				.build()
				.start();
			this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
			for (int i = 0; i < 300; i++) {
				assertThat(remaining(unary("remaining", null))).isPositive();
			}
			// 300 cancelled 30 s timers would otherwise wait in the queue for 30 s
			assertThat(own.pendingTimers()).isZero();
		}
		finally {
			own.close();
		}
	}

	@Test
	void clientStreamingAndBidiCallsGetDeadlinesFromTheirEntries() throws Exception {
		start(new DeadlinePolicy(Duration.ofSeconds(30), null),
				Map.of("test.v1.Calls/ClientStream", new DeadlinePolicy(Duration.ofMillis(200), null),
						"test.v1.Calls/Bidi", new DeadlinePolicy(Duration.ofMillis(200), null)),
				Duration.ZERO);
		ExceptionStatusServerInterceptorTests.Recorder clientStream = new ExceptionStatusServerInterceptorTests.Recorder();
		CallsGrpc.newStub(this.channel)
			.clientStream(clientStream)
			.onNext(EchoRequest.newBuilder().setText("a").build());
		Status clientStreamStatus = Status.fromThrowable(clientStream.error.get(5, TimeUnit.SECONDS));
		assertThat(clientStreamStatus.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(clientStreamStatus.getDescription()).startsWith("Server deadline of");
		ExceptionStatusServerInterceptorTests.Recorder bidi = new ExceptionStatusServerInterceptorTests.Recorder();
		CallsGrpc.newStub(this.channel).bidi(bidi).onNext(EchoRequest.newBuilder().setText("b").build());
		assertThat(Status.fromThrowable(bidi.error.get(5, TimeUnit.SECONDS)).getCode())
			.isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(remaining(bidi.messages.get(0))).isBetween(1L, 200L);
	}

	@Test
	void clientStreamingAndBidiCallsAreExemptFromTheGlobalDefault() throws Exception {
		start(new DeadlinePolicy(Duration.ofSeconds(3), Duration.ofSeconds(3)), Map.of(), Duration.ZERO);
		java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
		StreamObserver<EchoRequest> requests = CallsGrpc.newStub(this.channel).clientStream(observer(reply));
		requests.onNext(EchoRequest.newBuilder().setText("a").build());
		requests.onCompleted();
		assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("none");
		java.util.concurrent.CompletableFuture<String> echoed = new java.util.concurrent.CompletableFuture<>();
		StreamObserver<EchoRequest> bidi = CallsGrpc.newStub(this.channel).bidi(observer(echoed));
		bidi.onNext(EchoRequest.newBuilder().setText("b").build());
		assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("none");
		bidi.onCompleted();
	}

	@Test
	void aCallThatEndsInTimeIsNotCancelledAndCompletesNormally() throws Exception {
		start(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofSeconds(5))), Duration.ZERO);
		assertThat(serverStream("report-cancelled")).isEqualTo("false");
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.service.closeHandlerRan);
		assertThat(this.service.cancelHandlerRan).isFalse();
	}

	@Test
	void theHandlerStillHearsWhenTheTransportIsReady() throws Exception {
		start(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofSeconds(5))), Duration.ZERO);
		assertThat(serverStream("send-when-ready")).isEqualTo("ready");
	}

	@Test
	void aClientThatCancelsStillCancelsTheHandler() throws Exception {
		start(DeadlinePolicy.NONE,
				Map.of("test.v1.Calls/ServerStream", new DeadlinePolicy(null, Duration.ofSeconds(5))), Duration.ZERO);
		io.grpc.Context.CancellableContext client = io.grpc.Context.current().withCancellation();
		client.run(() -> CallsGrpc.newStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("wait-for-client-cancel").build(),
					observer(new java.util.concurrent.CompletableFuture<>())));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.calls.get() == 1);
		client.cancel(null);
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.service.cancelHandlerRan);
	}

	@Test
	void aRunningCallHoldsOneTimerAndItsOwnSchedulerFiresOnADaemonThread() throws Exception {
		DeadlineServerInterceptor own = DeadlineServerInterceptor.withOwnScheduler(
				new DeadlinePolicies(new DeadlinePolicy(Duration.ofMillis(300), null), Map.of()), Duration.ZERO,
				InterceptorEventListener.NONE);
		try {
			// the scheduler's thread starts with the first timer, on a server thread that
			// is no daemon: it would inherit the flag otherwise
			java.util.concurrent.ExecutorService serverThreads = Executors.newCachedThreadPool();
			this.closeAfter = serverThreads::shutdownNow;
			String name = InProcessServerBuilder.generateName();
			this.server = InProcessServerBuilder.forName(name)
				.executor(serverThreads)
				.addService(ServerInterceptors.intercept(this.service, own))
				.build()
				.start();
			this.channel = InProcessChannelBuilder.forName(name).build();
			com.google.common.util.concurrent.ListenableFuture<EchoResponse> hanging = CallsGrpc
				.newFutureStub(this.channel)
				.unary(EchoRequest.newBuilder().setText("hang").build());
			await().atMost(Duration.ofSeconds(5)).until(() -> this.service.calls.get() == 1);
			assertThat(own.pendingTimers()).isOne();
			java.util.concurrent.ExecutionException ex = assertThrows(java.util.concurrent.ExecutionException.class,
					() -> hanging.get(5, TimeUnit.SECONDS));
			assertThat(Status.fromThrowable(ex.getCause()).getDescription()).startsWith("Server deadline of");
			assertThat(Thread.getAllStackTraces().keySet())
				.filteredOn((thread) -> thread.getName().equals("health-grpc-deadlines"))
				.isNotEmpty()
				.allMatch(Thread::isDaemon);
		}
		finally {
			own.close();
		}
	}

	@Test
	void closeLeavesAGivenSchedulerAlone() {
		DeadlineServerInterceptor given = new DeadlineServerInterceptor(
				new DeadlinePolicies(DeadlinePolicy.NONE, Map.of()), Duration.ZERO, this.scheduler,
				InterceptorEventListener.NONE);
		given.close();
		assertThat(this.scheduler.isShutdown()).isFalse();
		assertThat(given.pendingTimers()).isEqualTo(-1);
	}

	@Test
	void aRejectedCallLeavesNothingForTheServerToHandle() throws Exception {
		List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();
		DeadlineServerInterceptor deadlines = new DeadlineServerInterceptor(
				new DeadlinePolicies(DeadlinePolicy.NONE, Map.of()), Duration.ofSeconds(2), this.scheduler,
				InterceptorEventListener.NONE);
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name).executor((task) -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				escaped.add(ex);
			}
		}).addService(ServerInterceptors.intercept(this.service, deadlines)).build().start();
		this.channel = InProcessChannelBuilder.forName(name).build();
		assertThat(
				assertThrows(StatusRuntimeException.class, () -> unary("remaining", Duration.ofMillis(500))).getStatus()
					.getCode())
			.isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		// a later call ran to its end on the same executor
		assertThat(remaining(unary("remaining", Duration.ofSeconds(10)))).isPositive();
		assertThat(escaped).isEmpty();
		// grpc-java logs a listener it cannot use, even for a call already closed
		assertThat(this.grpcLog.problems()).isEmpty();
	}

	private static StreamObserver<EchoResponse> observer(java.util.concurrent.CompletableFuture<String> first) {
		return new StreamObserver<>() {

			@Override
			public void onNext(EchoResponse value) {
				first.complete(value.getText());
			}

			@Override
			public void onError(Throwable t) {
				first.completeExceptionally(t);
			}

			@Override
			public void onCompleted() {
			}

		};
	}

	private StatusRuntimeException drainStream(String text) {
		java.util.Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.serverStream(EchoRequest.newBuilder().setText(text).build());
		return assertThrows(StatusRuntimeException.class, () -> responses.forEachRemaining((response) -> {
		}));
	}

	/**
	 * Sits next to the transport and counts every time two threads were inside the call
	 * at once.
	 */
	static final class OverlapProbe implements io.grpc.ServerInterceptor {

		final java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(io.grpc.ServerCall<ReqT, RespT> call,
				io.grpc.Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
			java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
			return next.startCall(new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(call) {

				@Override
				public void sendHeaders(io.grpc.Metadata headers) {
					enter();
					try {
						super.sendHeaders(headers);
					}
					finally {
						inside.decrementAndGet();
					}
				}

				@Override
				public void sendMessage(RespT message) {
					enter();
					try {
						super.sendMessage(message);
					}
					finally {
						inside.decrementAndGet();
					}
				}

				@Override
				public void close(Status status, io.grpc.Metadata trailers) {
					enter();
					try {
						super.close(status, trailers);
					}
					finally {
						inside.decrementAndGet();
					}
				}

				private void enter() {
					if (inside.incrementAndGet() > 1) {
						OverlapProbe.this.overlaps.incrementAndGet();
					}
				}

			}, headers);
		}

	}

	private void start(DeadlinePolicy global, Map<String, DeadlinePolicy> overrides, Duration minTimeRemaining)
			throws Exception {
		start(global, overrides, minTimeRemaining, new io.grpc.ServerInterceptor() {

			@Override
			public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(io.grpc.ServerCall<ReqT, RespT> call,
					io.grpc.Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
				return next.startCall(call, headers);
			}

		});
	}

	private void start(DeadlinePolicy global, Map<String, DeadlinePolicy> overrides, Duration minTimeRemaining,
			io.grpc.ServerInterceptor outermost) throws Exception {
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
			.addService(ServerInterceptors.interceptForward(this.service, outermost, deadlines, exceptions))
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

	/**
	 * The first message of a server stream, within 10 s: a server cap below that is what
	 * the handler runs under.
	 */
	private String serverStream(String text) {
		return CallsGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.serverStream(EchoRequest.newBuilder().setText(text).build())
			.next()
			.getText();
	}

	private static long remaining(String text) {
		return Long.parseLong(text);
	}

}
