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
		responseObserver.onNext(EchoResponse.newBuilder().setText(remaining()).build());
		responseObserver.onCompleted();
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
