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

import java.util.HashMap;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.springframework.validation.BindException;
import org.springframework.validation.MapBindingResult;

/**
 * A service whose calls fail the way the request text says, in every call kind.
 *
 * @author health-grpc authors
 */
class FailingCallsService extends CallsGrpc.CallsImplBase {

	static final Metadata.Key<String> CUSTOM = Metadata.Key.of("custom", Metadata.ASCII_STRING_MARSHALLER);

	volatile boolean failOnStart;

	/**
	 * Where {@code downstream-*} requests call: a server that fails.
	 */
	volatile io.grpc.Channel downstream;

	@Override
	public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
		if (act(request.getText(), responseObserver)) {
			return;
		}
		responseObserver.onNext(reply("ok"));
		responseObserver.onCompleted();
	}

	@Override
	public void serverStream(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
		if (request.getText().equals("onready-iae")) {
			// fails later, when the transport says it is ready
			((io.grpc.stub.ServerCallStreamObserver<EchoResponse>) responseObserver).setOnReadyHandler(() -> {
				throw new IllegalArgumentException("not ready for that");
			});
			return;
		}
		responseObserver.onNext(reply("first"));
		if (!act(request.getText(), responseObserver)) {
			responseObserver.onCompleted();
		}
	}

	@Override
	public StreamObserver<EchoRequest> clientStream(StreamObserver<EchoResponse> responseObserver) {
		if (this.failOnStart) {
			throw new IllegalArgumentException("refused at start");
		}
		return new StreamObserver<>() {

			@Override
			public void onNext(EchoRequest value) {
				act(value.getText(), responseObserver);
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
				responseObserver.onNext(reply("done"));
				responseObserver.onCompleted();
			}

		};
	}

	@Override
	public StreamObserver<EchoRequest> bidi(StreamObserver<EchoResponse> responseObserver) {
		return new StreamObserver<>() {

			private String last = "";

			@Override
			public void onNext(EchoRequest value) {
				this.last = value.getText();
				responseObserver.onNext(reply(value.getText()));
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
				if (!act(this.last, responseObserver)) {
					responseObserver.onCompleted();
				}
			}

		};
	}

	/**
	 * Fail as the text says.
	 * @return whether the call was already ended with {@code onError}
	 */
	private boolean act(String text, StreamObserver<EchoResponse> responseObserver) {
		String[] parts = text.split(":", 2);
		String message = (parts.length > 1) ? parts[1] : null;
		switch (parts[0]) {
			case "iae" -> throw new IllegalArgumentException(message);
			case "npe" -> throw new NullPointerException("secret internal detail at db-7.internal:5432");
			case "ise" -> throw new IllegalStateException(message);
			case "custom" -> throw new QuotaExceededException(message);
			case "status" -> {
				Metadata trailers = new Metadata();
				trailers.put(CUSTOM, "kept");
				throw Status.ALREADY_EXISTS.withDescription(message).asRuntimeException(trailers);
			}
			case "onerror" -> {
				responseObserver.onError(new IllegalArgumentException(message));
				return true;
			}
			case "onerror-arith" -> {
				responseObserver.onError(new ArithmeticException(message));
				return true;
			}
			case "arith" -> throw new ArithmeticException(message);
			case "status-cause-onerror" -> {
				responseObserver
					.onError(Status.UNKNOWN.withCause(new IllegalArgumentException(message)).asRuntimeException());
				return true;
			}
			case "status-cause-thrown" ->
				throw Status.UNKNOWN.withCause(new IllegalArgumentException(message)).asRuntimeException();
			case "status-long" ->
				throw Status.NOT_FOUND.withDescription(message + "x".repeat(100_000)).asRuntimeException();
			case "nse" -> throw new java.util.NoSuchElementException(message);
			case "timeout" -> throw sneaky(new java.util.concurrent.TimeoutException(message));
			case "rejected" -> throw new java.util.concurrent.RejectedExecutionException(message);
			case "assertion" -> throw new AssertionError("internal invariant broken: " + message);
			case "stack-overflow" -> throw new StackOverflowError();
			case "linkage" -> throw new NoClassDefFoundError("com/example/Missing");
			case "oom" -> throw new OutOfMemoryError("test: heap space");
			case "anonymous" -> throw new IllegalStateException(message) {
			};
			case "downstream-thrown" ->
				CallsGrpc.newBlockingStub(this.downstream).unary(EchoRequest.newBuilder().setText("fail").build());
			case "downstream-onerror" -> {
				try {
					CallsGrpc.newBlockingStub(this.downstream).unary(EchoRequest.newBuilder().setText("fail").build());
				}
				catch (io.grpc.StatusRuntimeException ex) {
					responseObserver.onError(ex);
					return true;
				}
			}
			case "complete-then-downstream" -> {
				responseObserver.onCompleted();
				CallsGrpc.newBlockingStub(this.downstream).unary(EchoRequest.newBuilder().setText("fail").build());
			}
			case "complete-then-throw-status" -> {
				responseObserver.onCompleted();
				throw Status.ABORTED.withDescription("too late").asRuntimeException();
			}
			case "client-stub-frame-7", "client-stub-frame-8" -> {
				io.grpc.StatusRuntimeException ex = Status.UNAVAILABLE.withDescription("at 10.0.0.9")
					.asRuntimeException();
				int depth = Integer.parseInt(parts[0].substring(parts[0].length() - 1));
				StackTraceElement[] stack = new StackTraceElement[depth + 1];
				for (int i = 0; i < depth; i++) {
					stack[i] = new StackTraceElement("com.example.Handler", "step" + i, "Handler.java", i + 1);
				}
				stack[depth] = new StackTraceElement("io.grpc.stub.ClientCalls", "blockingUnaryCall",
						"ClientCalls.java", 1);
				ex.setStackTrace(stack);
				throw ex;
			}
			case "complete-then-throw" -> {
				responseObserver.onCompleted();
				throw new IllegalStateException("after completion");
			}
			case "bind-many" -> {
				MapBindingResult result = new MapBindingResult(new HashMap<>(), "request");
				for (int i = 0; i < 60; i++) {
					String field = "field" + i + "_" + "f".repeat(250);
					result.rejectValue(field, "invalid", "must be valid: " + "m".repeat(250));
				}
				throw FailingCallsService.<RuntimeException>sneaky(new BindException(result));
			}
			case "bind" -> {
				MapBindingResult result = new MapBindingResult(new HashMap<>(), "request");
				result.rejectValue("name", "required", "must not be blank");
				// a checked exception, as Kotlin or Lombok's @SneakyThrows let handlers
				// throw
				throw FailingCallsService.<RuntimeException>sneaky(new BindException(result));
			}
			default -> {
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E sneaky(Throwable exception) throws E {
		throw (E) exception;
	}

	private static EchoResponse reply(String text) {
		return EchoResponse.newBuilder().setText(text).build();
	}

	/**
	 * An application exception with no default mapping.
	 */
	static class QuotaExceededException extends RuntimeException {

		QuotaExceededException(String message) {
			super(message);
		}

	}

}
