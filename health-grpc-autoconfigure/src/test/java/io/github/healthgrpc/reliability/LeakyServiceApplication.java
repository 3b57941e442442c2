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

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.client.inject.GrpcClient;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.beans.MutablePropertyValues;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.validation.BindException;
import org.springframework.validation.DataBinder;

import static io.github.healthgrpc.reliability.ClientVisibleText.SECRET;

/**
 * An application whose service fails in every way a handler can, each exception carrying
 * {@link ClientVisibleText#SECRET} where its message is not meant for the caller, and a
 * {@code @GrpcClient} to a downstream server that fails with the secret in its
 * description and trailers.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LeakyServiceApplication {

	/**
	 * Fails the way the request text says, in every call kind.
	 */
	@GrpcService
	static class LeakyCalls extends CallsGrpc.CallsImplBase {

		@GrpcClient("downstream")
		CallsGrpc.CallsBlockingStub downstream;

		@Override
		public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
			if (!fail(request.getText(), responseObserver)) {
				responseObserver.onNext(EchoResponse.newBuilder().setText("ok").build());
				responseObserver.onCompleted();
			}
		}

		@Override
		public void serverStream(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
			responseObserver.onNext(EchoResponse.newBuilder().setText("first").build());
			if (!fail(request.getText(), responseObserver)) {
				responseObserver.onCompleted();
			}
		}

		@Override
		public StreamObserver<EchoRequest> clientStream(StreamObserver<EchoResponse> responseObserver) {
			return new Failing(this, responseObserver, true);
		}

		@Override
		public StreamObserver<EchoRequest> bidi(StreamObserver<EchoResponse> responseObserver) {
			return new Failing(this, responseObserver, false);
		}

		/**
		 * Fail as the text says.
		 * @return whether the call was ended with {@code onError}
		 */
		boolean fail(String text, StreamObserver<EchoResponse> observer) {
			switch (text) {
				case "npe" -> throw new NullPointerException(SECRET + " at db-7.internal:5432");
				case "secret-runtime" -> throw new SecretFailure(SECRET);
				case "wrapped-ise" -> throw new IllegalStateException(new java.io.IOException("db " + SECRET));
				case "wrapped-iae" -> throw new IllegalArgumentException(new SecretFailure(SECRET));
				case "rejected" -> rejectedByAnExecutor();
				case "enum-value-of" -> Color.valueOf("PURPLE");
				case "bind-type-mismatch" -> throw LeakyServiceApplication.<RuntimeException>sneaky(typeMismatch());
				case "onerror-iae" -> observer.onError(new IllegalArgumentException(SECRET));
				case "onerror-secret" -> observer.onError(new SecretFailure(SECRET));
				case "status-cause" -> throw Status.UNKNOWN.withCause(new SecretFailure(SECRET)).asRuntimeException();
				case "status-internal-cause" ->
					throw Status.INTERNAL.withCause(new SecretFailure(SECRET)).asRuntimeException();
				case "assertion" -> throw new AssertionError(SECRET);
				case "stack-overflow" -> recurse(0);
				case "linkage" -> throw new NoClassDefFoundError("com/example/" + SECRET);
				case "sneaky-checked" ->
					throw LeakyServiceApplication.<RuntimeException>sneaky(new java.io.IOException(SECRET));
				case "plain-iae" -> throw new IllegalArgumentException("no such method orders.v1.Orders/Cancel");
				case "long-iae" -> throw new IllegalArgumentException("too long: " + "x".repeat(100_000));
				case "downstream-thrown" -> this.downstream.unary(EchoRequest.newBuilder().setText("x").build());
				case "downstream-onerror" -> {
					try {
						this.downstream.unary(EchoRequest.newBuilder().setText("x").build());
					}
					catch (StatusRuntimeException ex) {
						observer.onError(ex);
					}
				}
				case "hang" -> hang();
				default -> {
					return false;
				}
			}
			return text.startsWith("onerror") || text.equals("downstream-onerror");
		}

		private static void rejectedByAnExecutor() {
			ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
			pool.shutdown();
			// the JDK's message names the task's and the pool's classes
			pool.execute(() -> {
			});
		}

		private static BindException typeMismatch() {
			DataBinder binder = new DataBinder(new Form(), "form");
			binder.bind(new MutablePropertyValues(Map.of("age", "forty")));
			return new BindException(binder.getBindingResult());
		}

		private static int recurse(int depth) {
			return recurse(depth + 1) + 1;
		}

		private static void hang() {
			CountDownLatch cancelled = new CountDownLatch(1);
			Context.current().addListener((context) -> cancelled.countDown(), Runnable::run);
			try {
				cancelled.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * The streaming side: a client stream fails on its first message, a bidi stream when
	 * the client half-closes.
	 */
	private static final class Failing implements StreamObserver<EchoRequest> {

		private final LeakyCalls calls;

		private final StreamObserver<EchoResponse> observer;

		private final boolean onMessage;

		private String last = "";

		private boolean failed;

		Failing(LeakyCalls calls, StreamObserver<EchoResponse> observer, boolean onMessage) {
			this.calls = calls;
			this.observer = observer;
			this.onMessage = onMessage;
		}

		@Override
		public void onNext(EchoRequest value) {
			if (this.onMessage) {
				// whatever fail does ends the call
				this.failed = true;
				this.calls.fail(value.getText(), this.observer);
			}
			else {
				this.observer.onNext(EchoResponse.newBuilder().setText(value.getText()).build());
				this.last = value.getText();
			}
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
			if (!this.failed && !this.calls.fail(this.last, this.observer)) {
				this.observer.onNext(EchoResponse.newBuilder().setText("done").build());
				this.observer.onCompleted();
			}
		}

	}

	@SuppressWarnings("unchecked")
	static <E extends Throwable> E sneaky(Throwable exception) throws E {
		throw (E) exception;
	}

	/**
	 * An application exception no table knows; its class name has a {@code $}.
	 */
	static class SecretFailure extends RuntimeException {

		SecretFailure(String message) {
			super(message);
		}

	}

	/**
	 * Colours a request may name; {@code valueOf} of another names this class.
	 */
	enum Color {

		RED

	}

	/**
	 * A form bound from text.
	 */
	public static class Form {

		private int age;

		public int getAge() {
			return this.age;
		}

		public void setAge(int age) {
			this.age = age;
		}

	}

}
