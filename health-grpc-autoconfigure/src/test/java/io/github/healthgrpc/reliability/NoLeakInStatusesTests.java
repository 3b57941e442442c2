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

package io.github.healthgrpc.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.interceptor.ErrorResponseFactory;
import io.github.healthgrpc.reliability.HealthCalls.Watch;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.healthgrpc.reliability.ClientVisibleText.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No status a client can see carries a stack trace, a class or package name, or a message
 * not meant for it: every failure path of a whole application (handler exceptions of
 * every kind in every call kind, downstream statuses, unknown methods, deadline overruns
 * and rejections, bad health input, refused Watch streams, malformed HTTP/2 requests) is
 * driven, and every description, header and trailer value, including the decoded
 * {@code grpc-status-details-bin}, is checked.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = LeakyServiceApplication.class,
		properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
				"spring.application.name=leaky", "health-grpc.health.lifecycle.drain-delay=0",
				"health-grpc.health.watch.max-streams=2", "health-grpc.interceptors.deadlines.default-timeout=300ms",
				"health-grpc.interceptors.deadlines.min-time-remaining=100ms",
				"grpc.client.downstream.negotiation-type=plaintext" })
@DirtiesContext
class NoLeakInStatusesTests {

	private static final Metadata.Key<String> SECRET_TRAILER = Metadata.Key.of("x-secret",
			Metadata.ASCII_STRING_MARSHALLER);

	// fails every call with the secret in its description and trailers
	private static final Server downstream = startDownstream();

	@Autowired
	private GrpcServerProperties server;

	private final Recorder recorder = new Recorder();

	private ManagedChannel channel;

	private Channel recorded;

	@DynamicPropertySource
	static void downstreamAddress(DynamicPropertyRegistry registry) {
		registry.add("grpc.client.downstream.address", () -> "static://127.0.0.1:" + downstream.getPort());
	}

	@AfterAll
	static void stopDownstream() throws InterruptedException {
		downstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@BeforeEach
	void connect() {
		this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.server.getPort()))
			.usePlaintext()
			.build();
		this.recorded = ClientInterceptors.intercept(this.channel, this.recorder);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			npe                   | INTERNAL            | -
			secret-runtime        | INTERNAL            | -
			wrapped-ise           | FAILED_PRECONDITION | FAILED_PRECONDITION
			wrapped-iae           | INVALID_ARGUMENT    | INVALID_ARGUMENT
			rejected              | RESOURCE_EXHAUSTED  | RESOURCE_EXHAUSTED
			enum-value-of         | INVALID_ARGUMENT    | INVALID_ARGUMENT
			bind-type-mismatch    | INVALID_ARGUMENT    | Invalid age: invalid
			onerror-iae           | INVALID_ARGUMENT    | INVALID_ARGUMENT
			onerror-secret        | INTERNAL            | -
			status-cause          | INTERNAL            | -
			status-internal-cause | INTERNAL            | -
			assertion             | INTERNAL            | -
			stack-overflow        | INTERNAL            | -
			linkage               | INTERNAL            | -
			sneaky-checked        | INTERNAL            | -
			plain-iae             | INVALID_ARGUMENT    | no such method orders.v1.Orders/Cancel
			long-iae              | INVALID_ARGUMENT    | too long: x{243}\\.\\.\\.
			downstream-thrown     | UNAVAILABLE         | UNAVAILABLE
			downstream-onerror    | UNAVAILABLE         | UNAVAILABLE
			hang                  | DEADLINE_EXCEEDED   | Server deadline of [0-9]+ ms exceeded
			""")
	void aHandlerFailureReachesTheClientAsItsCodeWithNothingInternal(String failure, Status.Code code,
			String descriptionPattern) {
		Seen seen = unary(failure);
		assertThat(seen.status().getCode()).as("%s", seen).isEqualTo(code);
		assertSafe(seen);
		if (descriptionPattern != null) {
			assertThat(seen.status().getDescription()).matches(descriptionPattern);
		}
		else if (failure.equals("status-internal-cause")) {
			// a status the handler chose passes as it is, without a description
			assertThat(seen.status().getDescription()).isNull();
		}
		else if (ErrorResponseFactory.isHidden(code)) {
			assertThat(seen.trailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isNotBlank();
			assertThat(seen.status().getDescription()).startsWith("Internal error (error id ");
		}
	}

	@Test
	void failuresInEveryCallKindAreSafe() {
		CallsGrpc.CallsStub calls = CallsGrpc.newStub(this.recorded).withDeadlineAfter(10, TimeUnit.SECONDS);
		calls.serverStream(request("npe"), new Ignored());
		StreamObserver<EchoRequest> clientStream = calls.clientStream(new Ignored());
		clientStream.onNext(request("secret-runtime"));
		StreamObserver<EchoRequest> bidi = calls.bidi(new Ignored());
		bidi.onNext(request("wrapped-ise"));
		bidi.onCompleted();
		await().until(() -> this.recorder.closed().size() == 3);
		assertThat(this.recorder.closed()).extracting((seen) -> seen.status().getCode())
			.containsExactlyInAnyOrder(Status.Code.INTERNAL, Status.Code.INTERNAL, Status.Code.FAILED_PRECONDITION);
		this.recorder.closed().forEach(this::assertSafe);
		clientStream.onCompleted();
	}

	@Test
	void unknownMethodsDeadlinesBadHealthInputAndRefusedWatchesAreSafe() {
		call(RawHealthMethods.unary("test.v1.Calls/Nope", RawHealthMethods.BytesMarshaller.INSTANCE), new byte[0]);
		call(RawHealthMethods.unary("nope.v1.Nope/Call", RawHealthMethods.BytesMarshaller.INSTANCE), new byte[0]);
		// arrives with less than min-time-remaining
		call(CallsGrpc.getUnaryMethod(), request("ok"), 50);
		call(RawHealthMethods.CHECK, HealthCalls.request("no-such-service"));
		call(RawHealthMethods.CHECK, HealthCalls.request("n".repeat(1024 * 1024)));
		call(RawHealthMethods.CHECK, HealthCalls.field1((byte) 0xC3, (byte) 0x28));
		call(RawHealthMethods.CHECK, HealthCalls.request("m".repeat(5 * 1024 * 1024)));
		List<Watch> watches = List.of(new Watch(), new Watch(), new Watch());
		watches.forEach((watch) -> ClientCalls.asyncServerStreamingCall(
				this.recorded.newCall(RawHealthMethods.WATCH, CallOptions.DEFAULT), HealthCalls.request(""), watch));
		watches.forEach(Watch::first);
		watches.forEach(Watch::cancel);
		await().until(() -> this.recorder.closed().size() == 10);
		assertThat(this.recorder.closed()).extracting((seen) -> seen.status().getCode())
			.contains(Status.Code.UNIMPLEMENTED, Status.Code.DEADLINE_EXCEEDED, Status.Code.NOT_FOUND,
					Status.Code.UNKNOWN, Status.Code.RESOURCE_EXHAUSTED);
		this.recorder.closed().forEach((seen) -> assertSafe(seen, "no-such-service", "n".repeat(64)));
	}

	@Test
	void malformedHttp2RequestsGetSafeAnswers() throws Exception {
		try (RawHttp2Client raw = new RawHttp2Client(this.server.getPort())) {
			for (RawHttp2ReliabilityTests.Case request : RawHttp2ReliabilityTests.cases()) {
				RawHttp2Client.Response response = raw.exchange(request.requestHeaders(), request.body());
				assertThat(response.grpcStatus()).isEqualTo(request.grpcStatus());
				for (String text : response.texts()) {
					ClientVisibleText.assertSafe(request.label(), text, "nope.v1.Nope/Call",
							"grpc.health.v1.Health/Nope");
				}
			}
		}
	}

	private Seen unary(String failure) {
		// no deadline: the server's default one (300 ms) applies, and cuts "hang"
		try {
			ClientCalls.blockingUnaryCall(this.recorded, CallsGrpc.getUnaryMethod(), CallOptions.DEFAULT,
					request(failure));
		}
		catch (StatusRuntimeException ex) {
			// recorded
		}
		return this.recorder.closed().get(this.recorder.closed().size() - 1);
	}

	private <Q, R> void call(MethodDescriptor<Q, R> method, Q request) {
		call(method, request, 10_000);
	}

	private <Q, R> void call(MethodDescriptor<Q, R> method, Q request, long deadlineMillis) {
		try {
			ClientCalls.blockingUnaryCall(this.recorded, method,
					CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), request);
		}
		catch (StatusRuntimeException ex) {
			// recorded
		}
	}

	private void assertSafe(Seen seen, String... echoedInputs) {
		String where = seen.method() + " " + seen.status().getCode();
		String description = seen.status().getDescription();
		if (description != null) {
			assertThat(description).as(where).hasSizeLessThanOrEqualTo(ClientVisibleText.MAX_DESCRIPTION);
		}
		ClientVisibleText.assertSafe(where, description, echoedInputs);
		ClientVisibleText.assertSafe(where + " headers", seen.headers(), echoedInputs);
		ClientVisibleText.assertSafe(where + " trailers", seen.trailers(), echoedInputs);
		assertThat(seen.trailers().get(SECRET_TRAILER)).isNull();
	}

	private static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	private static Server startDownstream() {
		try {
			return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
				.addService(new CallsGrpc.CallsImplBase() {

					@Override
					public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
						Metadata trailers = new Metadata();
						trailers.put(SECRET_TRAILER, SECRET);
						responseObserver
							.onError(Status.UNAVAILABLE.withDescription("db " + SECRET + " at 10.1.2.3:5432 refused")
								.asRuntimeException(trailers));
					}

				})
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a client saw of one call.
	 *
	 * @param method the full method name
	 * @param status the status it closed with
	 * @param headers the response headers, empty for a trailers-only response
	 * @param trailers the trailers
	 */
	record Seen(String method, Status status, Metadata headers, Metadata trailers) {

	}

	/**
	 * Records the headers, status and trailers of every call, as the application sees
	 * them.
	 */
	static final class Recorder implements ClientInterceptor {

		private final List<Seen> closed = new CopyOnWriteArrayList<>();

		List<Seen> closed() {
			return this.closed;
		}

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
			return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {

				@Override
				public void start(Listener<R> listener, Metadata requestHeaders) {
					Metadata headers = new Metadata();
					super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {

						@Override
						public void onHeaders(Metadata received) {
							headers.merge(received);
							super.onHeaders(received);
						}

						@Override
						public void onClose(Status status, Metadata trailers) {
							Recorder.this.closed.add(new Seen(method.getFullMethodName(), status, headers, trailers));
							super.onClose(status, trailers);
						}

					}, requestHeaders);
				}

			};
		}

	}

	/**
	 * Ignores what a streaming call receives: the recorder has it.
	 */
	static final class Ignored implements StreamObserver<EchoResponse> {

		@Override
		public void onNext(EchoResponse value) {
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
		}

	}

}
