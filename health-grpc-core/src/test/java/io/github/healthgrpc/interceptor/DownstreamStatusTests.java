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
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.healthgrpc.testsupport.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A status that a downstream call failed with, let through by the handler: by default its
 * code reaches the caller, its description (grpc-java's carries the downstream's address)
 * and its trailers do not.
 *
 * @author health-grpc authors
 */
@org.junit.jupiter.api.extension.ExtendWith(io.github.healthgrpc.testsupport.LogCaptureExtension.class)
class DownstreamStatusTests {

	private static final Metadata.Key<String> SECRET = Metadata.Key.of("internal-route",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Metadata.Key<String> PUSHBACK = Metadata.Key
		.of(ExceptionStatusServerInterceptor.RETRY_PUSHBACK_HEADER, Metadata.ASCII_STRING_MARSHALLER);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aDownstreamStatusThatIsThrownKeepsItsCodeOnly() throws Exception {
		assertSanitized(call(start(false, false), "downstream-thrown"));
	}

	@Test
	void aDownstreamStatusPassedToOnErrorKeepsItsCodeOnlyWhenItsChannelMarksIt() throws Exception {
		assertSanitized(call(start(true, false), "downstream-onerror"));
	}

	@Test
	void aMarkedDownstreamStatusThatIsThrownKeepsItsCodeOnly() throws Exception {
		assertSanitized(call(start(true, false), "downstream-thrown"));
	}

	@Test
	void whenPropagationIsOnTheDownstreamStatusPassesButBounded() throws Exception {
		StatusRuntimeException ex = call(start(true, true), "downstream-thrown");
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(ex.getStatus().getDescription()).hasSize(40).startsWith("io exception [remote_addr=10.1.2.3");
		assertThat(ex.getTrailers().get(SECRET)).isEqualTo("db-7");
		assertThat(ex.getTrailers().containsKey(DownstreamStatusClientInterceptor.MARKER)).isFalse();
		// the downstream's own pushback (250 ms) would let the caller retry
		assertThat(ex.getTrailers().getAll(PUSHBACK)).containsExactly("-1");
		assertThat(this.events).isEmpty();
	}

	@Test
	void theRetryPushbackCanBeSwitchedOff() throws Exception {
		assertThat(call(start(true, false, false), "downstream-thrown").getTrailers().containsKey(PUSHBACK)).isFalse();
		assertThat(call(start(false, false, false), "downstream-thrown").getTrailers().containsKey(PUSHBACK)).isFalse();
		assertThat(call(start(true, true, false), "downstream-thrown").getTrailers().getAll(PUSHBACK))
			.containsExactly("250");
	}

	@Test
	void aStatusOfTheHandlersOwnCarriesNoPushback() throws Exception {
		Channel channel = start(true, false);
		// an UNAVAILABLE of the handler's own: the caller may retry it
		StatusRuntimeException own = call(channel, "client-stub-frame-8");
		assertThat(own.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(own.getTrailers().containsKey(PUSHBACK)).isFalse();
		assertThat(call(channel, "client-stub-frame-7").getTrailers().getAll(PUSHBACK)).containsExactly("-1");
		assertThat(call(channel, "rejected:busy").getTrailers().containsKey(PUSHBACK)).isFalse();
	}

	@Test
	void aDownstreamStatusThrownAfterTheCloseIsOnlyLogged(CapturedLog output) throws Exception {
		for (boolean propagate : new boolean[] { true, false }) {
			java.util.Iterator<EchoResponse> responses = CallsGrpc.newBlockingStub(start(true, propagate))
				.serverStream(EchoRequest.newBuilder().setText("complete-then-downstream").build());
			assertThat(responses.next().getText()).isEqualTo("first");
			assertThat(responses.hasNext()).isFalse();
		}
		assertThat(output.getOut().split("threw after it was closed", -1)).hasSize(3);
		assertThat(this.events).isEmpty();
	}

	private void assertSanitized(StatusRuntimeException ex) {
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(ex.getStatus().getDescription()).isEqualTo("UNAVAILABLE").doesNotContain("10.1.2.3");
		assertThat(ex.getTrailers().get(SECRET)).isNull();
		assertThat(ex.getTrailers().containsKey(DownstreamStatusClientInterceptor.MARKER)).isFalse();
		com.google.rpc.Status details = StatusProto.fromThrowable(ex);
		assertThat(details.toString()).doesNotContain("10.1.2.3").doesNotContain("downstream.example");
		assertThat(details.getDetailsList()).anySatisfy((any) -> assertThat(unpack(any).getDomain()).isEqualTo("us"));
		assertThat(ex.getTrailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isEqualTo("e1d");
		// the downstream call was this server's to retry: its caller must not retry too
		assertThat(ex.getTrailers().getAll(PUSHBACK)).containsExactly("-1");
		assertThat(this.events).containsExactly("UNAVAILABLE test.v1.Calls/Unary");
	}

	private static ErrorInfo unpack(Any any) {
		try {
			return any.unpack(ErrorInfo.class);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			return ErrorInfo.getDefaultInstance();
		}
	}

	private static StatusRuntimeException call(Channel channel, String text) {
		return assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(channel).unary(EchoRequest.newBuilder().setText(text).build()));
	}

	private Channel start(boolean marked, boolean propagate) throws Exception {
		return start(marked, propagate, true);
	}

	private Channel start(boolean marked, boolean propagate, boolean pushback) throws Exception {
		ManagedChannel toDownstream = serve(new CallsGrpc.CallsImplBase() {

			@Override
			public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
				Metadata trailers = new Metadata();
				trailers.put(SECRET, "db-7");
				trailers.put(PUSHBACK, "250");
				responseObserver.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
					.setCode(Status.Code.UNAVAILABLE.value())
					.setMessage("io exception [remote_addr=10.1.2.3:443] while connecting to the pool of backends")
					.addDetails(Any.pack(ErrorInfo.newBuilder().setDomain("downstream.example").build()))
					.build(), trailers));
			}

		});
		FailingCallsService service = new FailingCallsService();
		service.downstream = marked
				? ClientInterceptors.intercept(toDownstream, new DownstreamStatusClientInterceptor()) : toDownstream;
		ExceptionStatusServerInterceptor interceptor = new ExceptionStatusServerInterceptor(
				ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(null)),
				new ErrorResponseFactory("us", 40, Duration.ofSeconds(1), () -> "e1d"), (ex) -> false,
				new InterceptorEventListener() {

					@Override
					public void exceptionMapped(String method, Status.Code code, Throwable exception) {
						DownstreamStatusTests.this.events.add(code + " " + method);
					}

				}, propagate, pushback);
		return serve(ServerInterceptors.intercept(service, interceptor));
	}

	private ManagedChannel serve(io.grpc.BindableService service) throws Exception {
		return serve(service.bindService());
	}

	private ManagedChannel serve(io.grpc.ServerServiceDefinition service) throws Exception {
		String name = InProcessServerBuilder.generateName();
		Server server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
		ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		this.closeables.add(0, () -> {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		});
		return channel;
	}

}
