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

import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The calls the kit's error and deadline tests make, by their request's text: {@code ok},
 * {@code iae:<message>}, {@code npe}, {@code arith} (which the application's own
 * exception handler answers), {@code onerror-iae}, {@code status}, {@code hang} (until
 * its deadline), and {@code deadline} (answers the time left, in ms, or {@code none}).
 *
 * @author health-grpc authors
 */
public class KitCallsService extends CallsGrpc.CallsImplBase {

	@Override
	public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
		String text = request.getText();
		String[] parts = text.split(":", 2);
		String message = (parts.length > 1) ? parts[1] : "";
		switch (parts[0]) {
			case "iae" -> throw new IllegalArgumentException(message);
			case "npe" -> throw new NullPointerException("secret internal detail at db-7.internal:5432");
			case "arith" -> throw new ArithmeticException("divided by zero");
			case "onerror-iae" -> responseObserver.onError(new IllegalArgumentException("passed on"));
			case "status" ->
				responseObserver.onError(Status.ALREADY_EXISTS.withDescription("order 42 exists").asRuntimeException());
			case "hang" -> hang();
			case "deadline" -> {
				io.grpc.Deadline deadline = Context.current().getDeadline();
				reply(responseObserver,
						(deadline != null) ? Long.toString(deadline.timeRemaining(TimeUnit.MILLISECONDS)) : "none");
			}
			default -> reply(responseObserver, text);
		}
	}

	/**
	 * Block until the call is cancelled (its deadline passed), at most 10 s.
	 */
	private static void hang() {
		java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
		Context.current().addListener((context) -> cancelled.countDown(), Runnable::run);
		try {
			cancelled.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void reply(StreamObserver<EchoResponse> responseObserver, String text) {
		responseObserver.onNext(EchoResponse.newBuilder().setText(text).build());
		responseObserver.onCompleted();
	}

}
