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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.healthgrpc.testsupport.CapturedLog;
import io.github.healthgrpc.testsupport.LogCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExceptionStatusServerInterceptor} over the in-process transport, in
 * every call kind.
 *
 * @author health-grpc authors
 */
@ExtendWith(LogCaptureExtension.class)
class ExceptionStatusServerInterceptorTests {

	private final FailingCallsService service = new FailingCallsService();

	private final List<String> events = new ArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private ExceptionStatusServerInterceptor interceptor;

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		ExceptionStatusMapper mapper = ExceptionStatusMapper.firstOf(List.of(
				ExceptionStatusMapper
					.of(Map.of(FailingCallsService.QuotaExceededException.class, Status.Code.RESOURCE_EXHAUSTED)),
				ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(getClass().getClassLoader()))));
		this.interceptor = new ExceptionStatusServerInterceptor(mapper,
				new ErrorResponseFactory("test.example", 40, Duration.ofMillis(1500), () -> "e1d"),
				(ex) -> ex instanceof ArithmeticException, new InterceptorEventListener() {

					@Override
					public void exceptionMapped(String method, Status.Code code, Throwable exception) {
						ExceptionStatusServerInterceptorTests.this.events.add(code + " " + method);
					}

				});
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(ServerInterceptors.intercept(this.service, this.interceptor))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
	}

	private final GrpcJavaLog grpcLog = new GrpcJavaLog();

	@AfterEach
	void closeGrpcLog() {
		this.grpcLog.close();
	}

	@AfterEach
	void stop() throws Exception {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	/**
	 * Serve the failing service with this interceptor, inside an outer one if given, on
	 * an executor if given.
	 */
	private ManagedChannel serve(ExceptionStatusServerInterceptor interceptor, io.grpc.ServerInterceptor outer,
			java.util.concurrent.Executor executor) throws Exception {
		String name = InProcessServerBuilder.generateName();
		InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
		if (executor != null) {
			builder.executor(executor);
		}
		else {
			builder.directExecutor();
		}
		io.grpc.ServerServiceDefinition service = ServerInterceptors.intercept(this.service, interceptor);
		Server server = builder.addService((outer != null) ? ServerInterceptors.intercept(service, outer) : service)
			.build()
			.start();
		ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
		this.closeables.add(() -> {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		});
		return channel;
	}

	@Test
	void unaryExceptionIsMappedWithItsMessage() {
		StatusRuntimeException ex = unaryFails("iae:name must not be empty");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).isEqualTo("name must not be empty");
		assertThat(this.events).containsExactly("INVALID_ARGUMENT test.v1.Calls/Unary");
	}

	@Test
	void internalErrorsCarryOnlyAnErrorIdAlsoInATrailerAndInErrorInfo() {
		StatusRuntimeException ex = unaryFails("npe");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(ex.getStatus().getDescription()).isEqualTo("Internal error (error id e1d)")
			.doesNotContain("secret")
			.doesNotContain("NullPointer");
		assertThat(ex.getStatus().getCause()).isNull();
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isEqualTo("e1d");
		ErrorInfo info = detail(ex, ErrorInfo.class);
		assertThat(info.getReason()).isEqualTo("INTERNAL");
		assertThat(info.getDomain()).isEqualTo("test.example");
		assertThat(info.getMetadataMap()).containsEntry("errorId", "e1d");
	}

	@Test
	void longMessagesAreCutToTheBound() {
		StatusRuntimeException ex = unaryFails("iae:" + "x".repeat(100_000));
		assertThat(ex.getStatus().getDescription()).hasSize(40).endsWith("...");
	}

	@Test
	void statusExceptionsPassThroughWithTheirTrailers() {
		StatusRuntimeException ex = unaryFails("status:already there");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
		assertThat(ex.getStatus().getDescription()).isEqualTo("already there");
		assertThat(ex.getTrailers().get(FailingCallsService.CUSTOM)).isEqualTo("kept");
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void exceptionsPassedToOnErrorAreMappedWithoutTheirMessage() {
		// grpc-java turns onError(exception) into the same close as onError of a status
		// exception that wraps it: which one it was is unknowable, so the message stays
		StatusRuntimeException ex = unaryFails("onerror:bad page token");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).isEqualTo("INVALID_ARGUMENT");
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isEqualTo("e1d");
	}

	@Test
	void aStatusExceptionWrappingACauseGetsTheSameAnswerThrownOrPassedToOnError() {
		StatusRuntimeException passed = unaryFails("status-cause-onerror:secret detail");
		StatusRuntimeException thrown = unaryFails("status-cause-thrown:secret detail");
		for (StatusRuntimeException ex : List.of(passed, thrown)) {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
			assertThat(ex.getStatus().getDescription()).isEqualTo("INVALID_ARGUMENT").doesNotContain("secret");
			assertThat(StatusProto.fromThrowable(ex).getMessage()).doesNotContain("secret");
		}
	}

	@Test
	void everyDescriptionThatLeavesTheServerIsBounded() {
		StatusRuntimeException ex = unaryFails("status-long:order ");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(ex.getStatus().getDescription()).hasSize(40).startsWith("order xxx").endsWith("...");
	}

	@Test
	void theCommonJavaExceptionsHaveTheirCodes() {
		assertThat(unaryFails("nse:no order 42").getStatus()).extracting(Status::getCode, Status::getDescription)
			.containsExactly(Status.Code.NOT_FOUND, "no order 42");
		assertThat(unaryFails("timeout:took too long").getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		StatusRuntimeException rejected = unaryFails("rejected:queue full");
		assertThat(rejected.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(detail(rejected, RetryInfo.class).getRetryDelay().getSeconds()).isOne();
	}

	@Test
	void anExceptionFromOnReadyIsMapped() {
		Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("onready-iae").build());
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(responses::next)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).isEqualTo("not ready for that"));
	}

	@Test
	void errorsFromAHandlerAreInternalWithAnErrorIdAndALogLine(CapturedLog output) {
		for (String error : List.of("assertion:x", "stack-overflow", "linkage")) {
			StatusRuntimeException ex = unaryFails(error);
			assertThat(ex.getStatus().getCode()).as(error).isEqualTo(Status.Code.INTERNAL);
			assertThat(ex.getStatus().getDescription()).isEqualTo("Internal error (error id e1d)");
			assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isEqualTo("e1d");
		}
		assertThat(output.getOut()).contains("java.lang.AssertionError: internal invariant broken")
			.contains("java.lang.StackOverflowError")
			.contains("java.lang.NoClassDefFoundError: com/example/Missing");
		assertThat(this.events).containsExactly("INTERNAL test.v1.Calls/Unary", "INTERNAL test.v1.Calls/Unary",
				"INTERNAL test.v1.Calls/Unary");
	}

	@Test
	void rejectsWhatCanNeverBeRight() {
		ErrorResponseFactory responses = new ErrorResponseFactory("d", 40, Duration.ZERO);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExceptionStatusServerInterceptor(null, responses, (ex) -> false,
					InterceptorEventListener.NONE));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExceptionStatusServerInterceptor((ex) -> null, null, (ex) -> false,
					InterceptorEventListener.NONE));
	}

	@Test
	void mappedErrorsAndFailuresAtStartLeaveNothingForTheServerToHandle() throws Exception {
		List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();
		ManagedChannel channel = serve(this.interceptor, null, recording(escaped));
		for (String error : List.of("assertion:x", "stack-overflow", "linkage", "npe")) {
			StatusRuntimeException ex = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
					() -> CallsGrpc.newBlockingStub(channel).unary(EchoRequest.newBuilder().setText(error).build()));
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		}
		this.service.failOnStart = true;
		Recorder recorder = new Recorder();
		CallsGrpc.newStub(channel).clientStream(recorder);
		assertThat(Status.fromThrowable(recorder.error.get(5, TimeUnit.SECONDS)).getCode())
			.isEqualTo(Status.Code.INVALID_ARGUMENT);
		// the server's own executor ran every task to its end
		ManagedChannel probe = serve(this.interceptor, null, recording(escaped));
		CallsGrpc.newBlockingStub(probe).unary(EchoRequest.newBuilder().setText("ok").build());
		assertThat(escaped).isEmpty();
		// grpc-java logs a listener it cannot use, even for a call already closed
		assertThat(this.grpcLog.problems()).isEmpty();
	}

	@Test
	void anExceptionFromOnReadyThatTheTransportCallsIsMapped() throws Exception {
		java.util.concurrent.CompletableFuture<Throwable> failed = new java.util.concurrent.CompletableFuture<>();
		io.grpc.stub.ClientCallStreamObserver<EchoRequest>[] call = new io.grpc.stub.ClientCallStreamObserver[1];
		CallsGrpc.newStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("onready-iae").build(),
					new io.grpc.stub.ClientResponseObserver<EchoRequest, EchoResponse>() {

						@Override
						public void beforeStart(io.grpc.stub.ClientCallStreamObserver<EchoRequest> requestStream) {
							// not ready when the handler returns: onReady comes from the
							// transport, once this client asks for a message
							requestStream.disableAutoRequestWithInitial(0);
							call[0] = requestStream;
						}

						@Override
						public void onNext(EchoResponse value) {
						}

						@Override
						public void onError(Throwable t) {
							failed.complete(t);
						}

						@Override
						public void onCompleted() {
							failed.complete(null);
						}

					});
		call[0].request(1);
		Status status = Status.fromThrowable(failed.get(5, TimeUnit.SECONDS));
		assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(status.getDescription()).isEqualTo("not ready for that");
	}

	@Test
	void aStatusExceptionThrownAfterTheCloseIsLoggedForWhatItIs(CapturedLog output) {
		Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("complete-then-throw-status").build());
		assertThat(responses.next().getText()).isEqualTo("first");
		assertThat(responses.hasNext()).isFalse();
		assertThat(output.getOut()).contains("gRPC call test.v1.Calls/ServerStream threw after it was closed")
			.contains("ABORTED: too late");
	}

	@Test
	void onlyTheTopEightFramesTellAClientStubsStatus() {
		StatusRuntimeException near = unaryFails("client-stub-frame-7");
		assertThat(near.getStatus().getDescription()).isEqualTo("UNAVAILABLE");
		StatusRuntimeException far = unaryFails("client-stub-frame-8");
		assertThat(far.getStatus().getDescription()).isEqualTo("at 10.0.0.9");
	}

	private static java.util.concurrent.Executor recording(List<Throwable> escaped) {
		return (task) -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				escaped.add(ex);
			}
		};
	}

	@Test
	void anErrorTheJvmMustSeeStillPropagatesAfterTheCallIsClosed() throws Exception {
		List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();
		ManagedChannel channel = serve(this.interceptor, null, recording(escaped));
		StatusRuntimeException ex = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(channel).unary(EchoRequest.newBuilder().setText("oom").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isEqualTo("e1d");
		assertThat(escaped).singleElement().isInstanceOf(OutOfMemoryError.class);
	}

	@Test
	void anAdviceWinsOverAnExceptionPassedToOnErrorAsOverAThrownOne() throws Exception {
		ManagedChannel channel = serve(this.interceptor, new AdviceLikeInterceptor(), null);
		for (String text : List.of("onerror-arith:x", "arith:x")) {
			StatusRuntimeException ex = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
					() -> CallsGrpc.newBlockingStub(channel).unary(EchoRequest.newBuilder().setText(text).build()));
			assertThat(ex.getStatus().getCode()).as(text).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
			assertThat(ex.getStatus().getDescription()).isEqualTo("from advice");
		}
		assertThat(this.events).isEmpty();
	}

	@Test
	void theMostSpecificTypeWins() {
		// a class and its superclass mapped differently, in a table with no order
		ExceptionStatusMapper mapper = ExceptionStatusMapper
			.of(Map.of(RuntimeException.class, Status.Code.ABORTED, IllegalStateException.class,
					Status.Code.FAILED_PRECONDITION, Exception.class, Status.Code.OUT_OF_RANGE));
		for (int i = 0; i < 20; i++) {
			assertThat(mapper.map(new IllegalStateException())).isEqualTo(Status.Code.FAILED_PRECONDITION);
			assertThat(mapper.map(new IllegalStateException() {
			})).isEqualTo(Status.Code.FAILED_PRECONDITION);
			assertThat(mapper.map(new RuntimeException())).isEqualTo(Status.Code.ABORTED);
		}
		assertThat(mapper.map(new java.io.IOException())).isEqualTo(Status.Code.OUT_OF_RANGE);
		assertThat(mapper.map(new Error())).isNull();
		StatusRuntimeException ex = unaryFails("custom:slow down");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(detail(ex, RetryInfo.class).getRetryDelay().getNanos()).isEqualTo(500_000_000);
	}

	@Test
	void validationFailuresCarryBadRequestFieldViolations() {
		StatusRuntimeException ex = unaryFails("bind");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).isEqualTo("Invalid name: must not be blank");
		BadRequest badRequest = detail(ex, BadRequest.class);
		assertThat(badRequest.getFieldViolationsList()).singleElement().satisfies((violation) -> {
			assertThat(violation.getField()).isEqualTo("name");
			assertThat(violation.getDescription()).isEqualTo("must not be blank");
		});
	}

	@Test
	void aHandlerThatCompletesThenThrowsLeavesTheCallAsItClosedIt(CapturedLog output) {
		Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("complete-then-throw").build());
		assertThat(responses.next().getText()).isEqualTo("first");
		assertThat(responses.hasNext()).isFalse();
		// nobody received a status for it: not counted, no error id, logged as what it is
		assertThat(this.events).isEmpty();
		assertThat(output.getOut()).contains("WARN")
			.contains("gRPC call test.v1.Calls/ServerStream threw after it was closed")
			.contains("java.lang.IllegalStateException: after completion")
			.doesNotContain("error id");
	}

	@Test
	void serverStreamingFailsAfterHeadersAndAMessageWereSent() {
		Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("iae:page 2 is gone").build());
		assertThat(responses.next().getText()).isEqualTo("first");
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(responses::next)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).isEqualTo("page 2 is gone"));
	}

	@Test
	void clientStreamingFailsInOnMessage() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<EchoRequest> requests = CallsGrpc.newStub(this.channel).clientStream(recorder);
		requests.onNext(EchoRequest.newBuilder().setText("npe").build());
		assertThat(Status.fromThrowable(recorder.error.get(5, TimeUnit.SECONDS)).getCode())
			.isEqualTo(Status.Code.INTERNAL);
	}

	@Test
	void clientStreamingFailsWhenTheCallStarts() throws Exception {
		this.service.failOnStart = true;
		Recorder recorder = new Recorder();
		CallsGrpc.newStub(this.channel).clientStream(recorder);
		Status status = Status.fromThrowable(recorder.error.get(5, TimeUnit.SECONDS));
		assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(status.getDescription()).isEqualTo("refused at start");
	}

	@Test
	void bidiStreamingFailsInOnHalfCloseAfterMessages() throws Exception {
		Recorder recorder = new Recorder();
		StreamObserver<EchoRequest> requests = CallsGrpc.newStub(this.channel).bidi(recorder);
		requests.onNext(EchoRequest.newBuilder().setText("hello").build());
		requests.onNext(EchoRequest.newBuilder().setText("ise:closing too early").build());
		requests.onCompleted();
		Status status = Status.fromThrowable(recorder.error.get(5, TimeUnit.SECONDS));
		assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
		assertThat(recorder.messages).containsExactly("hello", "ise:closing too early");
	}

	@Test
	void exceptionsHandledElsewhereAreRethrownForThatHandler() throws Exception {
		ExceptionStatusServerInterceptor interceptor = new ExceptionStatusServerInterceptor((ex) -> null,
				new ErrorResponseFactory("d", 40, Duration.ZERO), (ex) -> ex instanceof IllegalArgumentException,
				InterceptorEventListener.NONE);
		String name = InProcessServerBuilder.generateName();
		Server other = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(ServerInterceptors.intercept(new FailingCallsService(), interceptor))
			.build()
			.start();
		ManagedChannel otherChannel = InProcessChannelBuilder.forName(name).directExecutor().build();
		try {
			// nobody else handles it here, so grpc-java's own fallback answers: not our
			// mapping
			StatusRuntimeException ex = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
					() -> CallsGrpc.newBlockingStub(otherChannel)
						.unary(EchoRequest.newBuilder().setText("iae:for the advice").build()));
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
			assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isNull();
		}
		finally {
			otherChannel.shutdownNow();
			other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void concurrentFailingCallsEachGetTheirOwnStatus() throws Exception {
		ExceptionStatusServerInterceptor interceptor = new ExceptionStatusServerInterceptor(
				ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(null)),
				new ErrorResponseFactory("d", 100, Duration.ZERO), (ex) -> false, InterceptorEventListener.NONE);
		String name = InProcessServerBuilder.generateName();
		java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(8);
		Server concurrent = InProcessServerBuilder.forName(name)
			.executor(executor)
			.addService(ServerInterceptors.intercept(new FailingCallsService(), interceptor))
			.build()
			.start();
		ManagedChannel concurrentChannel = InProcessChannelBuilder.forName(name).build();
		try {
			List<String> texts = List.of("iae:bad", "npe", "ise:late", "ok");
			List<com.google.common.util.concurrent.ListenableFuture<EchoResponse>> calls = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				calls.add(CallsGrpc.newFutureStub(concurrentChannel)
					.unary(EchoRequest.newBuilder().setText(texts.get(i % 4)).build()));
			}
			java.util.Set<String> errorIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
			for (int i = 0; i < calls.size(); i++) {
				Status.Code expected = List
					.of(Status.Code.INVALID_ARGUMENT, Status.Code.INTERNAL, Status.Code.FAILED_PRECONDITION,
							Status.Code.OK)
					.get(i % 4);
				try {
					calls.get(i).get(10, TimeUnit.SECONDS);
					assertThat(expected).isEqualTo(Status.Code.OK);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(Status.fromThrowable(ex.getCause()).getCode()).isEqualTo(expected);
					errorIds.add(Status.trailersFromThrowable(ex.getCause()).get(ErrorResponseFactory.ERROR_ID_KEY));
				}
			}
			assertThat(errorIds).hasSize(300);
		}
		finally {
			concurrentChannel.shutdownNow();
			concurrent.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			executor.shutdownNow();
		}
	}

	private StatusRuntimeException unaryFails(String text) {
		return org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.channel).unary(EchoRequest.newBuilder().setText(text).build()));
	}

	private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException ex, Class<T> type) {
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		assertThat(status).isNotNull();
		assertThat(status.getCode()).isEqualTo(ex.getStatus().getCode().value());
		assertThat(status.getMessage()).isEqualTo(ex.getStatus().getDescription());
		return status.getDetailsList()
			.stream()
			.filter((any) -> any.is(type))
			.findFirst()
			.map((any) -> unpack(any, type))
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
	}

	private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
		try {
			return any.unpack(type);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Records a streaming call's outcome.
	 */
	static final class Recorder implements StreamObserver<EchoResponse> {

		final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

		final CompletableFuture<Throwable> error = new CompletableFuture<>();

		@Override
		public void onNext(EchoResponse value) {
			this.messages.add(value.getText());
		}

		@Override
		public void onError(Throwable t) {
			this.error.complete(t);
		}

		@Override
		public void onCompleted() {
			this.error.completeExceptionally(new AssertionError("completed without error"));
		}

	}

	/**
	 * Does what net.devh's {@code @GrpcAdvice} interceptor does for one exception type:
	 * handles it when thrown and when passed to {@code onError} (UNKNOWN with the cause).
	 */
	static final class AdviceLikeInterceptor implements io.grpc.ServerInterceptor {

		@Override
		public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(io.grpc.ServerCall<ReqT, RespT> call,
				io.grpc.Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
			io.grpc.ServerCall<ReqT, RespT> advised = new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(
					call) {

				@Override
				public void close(Status status, io.grpc.Metadata trailers) {
					if (status.getCode() == Status.Code.UNKNOWN && status.getCause() instanceof ArithmeticException) {
						super.close(advice(), new io.grpc.Metadata());
						return;
					}
					super.close(status, trailers);
				}

			};
			return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
					next.startCall(advised, headers)) {

				@Override
				public void onHalfClose() {
					try {
						super.onHalfClose();
					}
					catch (ArithmeticException ex) {
						call.close(advice(), new io.grpc.Metadata());
					}
				}

			};
		}

		private static Status advice() {
			return Status.RESOURCE_EXHAUSTED.withDescription("from advice");
		}

	}

}
