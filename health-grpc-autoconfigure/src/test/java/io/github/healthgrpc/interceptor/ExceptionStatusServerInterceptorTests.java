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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExceptionStatusServerInterceptor} over the in-process transport, in
 * every call kind.
 *
 * @author health-grpc authors
 */
class ExceptionStatusServerInterceptorTests {

	private final FailingCallsService service = new FailingCallsService();

	private final List<String> events = new ArrayList<>();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		ExceptionStatusMapper mapper = ExceptionStatusMapper.firstOf(List.of(
				ExceptionStatusMapper
					.of(Map.of(FailingCallsService.QuotaExceededException.class, Status.Code.RESOURCE_EXHAUSTED)),
				ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(getClass().getClassLoader()))));
		ExceptionStatusServerInterceptor interceptor = new ExceptionStatusServerInterceptor(mapper,
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
			.addService(ServerInterceptors.intercept(this.service, interceptor))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
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
	void exceptionsPassedToOnErrorAreMappedToo() {
		StatusRuntimeException ex = unaryFails("onerror:bad page token");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).isEqualTo("bad page token");
	}

	@Test
	void theMostSpecificTypeWins() {
		assertThat(unaryFails("ise:not yet").getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
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
	void aHandlerThatCompletesThenThrowsLeavesTheCallAsItClosedIt() {
		Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(this.channel)
			.serverStream(EchoRequest.newBuilder().setText("complete-then-throw").build());
		assertThat(responses.next().getText()).isEqualTo("first");
		assertThat(responses.hasNext()).isFalse();
		assertThat(this.events).containsExactly("FAILED_PRECONDITION test.v1.Calls/ServerStream");
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

}
