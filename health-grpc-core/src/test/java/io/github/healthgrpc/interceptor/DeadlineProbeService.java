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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * Reports the deadline its handler sees; can hang until cancelled, or call another
 * server.
 *
 * @author health-grpc authors
 */
class DeadlineProbeService extends CallsGrpc.CallsImplBase {

	final AtomicInteger calls = new AtomicInteger();

	final AtomicBoolean sawCancellation = new AtomicBoolean();

	final AtomicBoolean cancelHandlerRan = new AtomicBoolean();

	final AtomicBoolean closeHandlerRan = new AtomicBoolean();

	final java.util.List<String> producerOutcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

	final java.util.concurrent.atomic.AtomicReference<String> producerStopped = new java.util.concurrent.atomic.AtomicReference<>();

	volatile Channel downstream;

	@Override
	public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
		this.calls.incrementAndGet();
		String reply = switch (request.getText()) {
			case "hang" -> hangUntilCancelled();
			case "call-downstream" -> CallsGrpc.newBlockingStub(this.downstream)
				.unary(EchoRequest.newBuilder().setText("remaining").build())
				.getText();
			default -> remaining();
		};
		responseObserver.onNext(EchoResponse.newBuilder().setText(reply).build());
		responseObserver.onCompleted();
	}

	@Override
	public void serverStream(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
		this.calls.incrementAndGet();
		ServerCallStreamObserver<EchoResponse> call = (ServerCallStreamObserver<EchoResponse>) responseObserver;
		switch (request.getText()) {
			case "produce-until-cancelled" -> produceUntilCancelled(call);
			case "produce-on-thread" -> produceOnThread(call, true);
			case "spam-on-thread" -> produceOnThread(call, false);
			case "report-cancelled" -> {
				call.setOnCloseHandler(() -> this.closeHandlerRan.set(true));
				call.onNext(EchoResponse.newBuilder().setText(Boolean.toString(call.isCancelled())).build());
				call.onCompleted();
			}
			case "send-when-ready" -> {
				java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
				call.setOnReadyHandler(() -> {
					if (call.isReady() && sent.compareAndSet(false, true)) {
						call.onNext(EchoResponse.newBuilder().setText("ready").build());
						call.onCompleted();
					}
				});
			}
			case "wait-for-client-cancel" -> call.setOnCancelHandler(() -> this.cancelHandlerRan.set(true));
			default -> {
				responseObserver.onNext(EchoResponse.newBuilder().setText(remaining()).build());
				responseObserver.onCompleted();
			}
		}
	}

	@Override
	public StreamObserver<EchoRequest> clientStream(StreamObserver<EchoResponse> responseObserver) {
		this.calls.incrementAndGet();
		return new StreamObserver<>() {

			@Override
			public void onNext(EchoRequest value) {
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
				responseObserver.onNext(EchoResponse.newBuilder().setText(remaining()).build());
				responseObserver.onCompleted();
			}

		};
	}

	@Override
	public StreamObserver<EchoRequest> bidi(StreamObserver<EchoResponse> responseObserver) {
		this.calls.incrementAndGet();
		return new StreamObserver<>() {

			@Override
			public void onNext(EchoRequest value) {
				responseObserver.onNext(EchoResponse.newBuilder().setText(remaining()).build());
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
				responseObserver.onCompleted();
			}

		};
	}

	/**
	 * A producer inside the handler that stops only when it sees the call cancelled.
	 */
	private void produceUntilCancelled(ServerCallStreamObserver<EchoResponse> call) {
		call.setOnCancelHandler(() -> this.cancelHandlerRan.set(true));
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!call.isCancelled() && System.nanoTime() < giveUp) {
			call.onNext(EchoResponse.newBuilder().setText("tick").build());
			pause();
		}
		this.producerStopped.set(call.isCancelled() ? "cancelled" : "gave up");
	}

	/**
	 * A producer on a thread of its own that sends until sending fails, as a handler with
	 * no cancel handler does.
	 */
	private void produceOnThread(ServerCallStreamObserver<EchoResponse> call, boolean paced) {
		Thread producer = new Thread(() -> {
			long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(paced ? 10 : 3);
			String outcome = "gave up";
			try {
				while (System.nanoTime() < giveUp) {
					call.onNext(EchoResponse.newBuilder().setText("tick").build());
					if (paced) {
						pause();
					}
				}
			}
			catch (RuntimeException ex) {
				outcome = Status.fromThrowable(ex).getCode().name() + ((ex instanceof io.grpc.StatusRuntimeException)
						? "" : " " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			this.producerStopped.set(outcome);
			this.producerOutcomes.add(outcome);
		}, "producer");
		producer.setDaemon(true);
		producer.start();
	}

	private static void pause() {
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static String remaining() {
		Deadline deadline = Context.current().getDeadline();
		return (deadline != null) ? Long.toString(deadline.timeRemaining(TimeUnit.MILLISECONDS)) : "none";
	}

	private String hangUntilCancelled() {
		CountDownLatch cancelled = new CountDownLatch(1);
		Context.current().addListener((context) -> cancelled.countDown(), Runnable::run);
		try {
			if (cancelled.await(10, TimeUnit.SECONDS)) {
				this.sawCancellation.set(true);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "too late";
	}

}
