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

package io.github.healthgrpc.integration.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.github.healthgrpc.test.v1.OtherGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A backend for client tests: a Netty server on 127.0.0.1 and a free port with the
 * health-grpc Health service, and {@code Echo} and {@code Other} services that answer
 * with the backend's name, count their calls, and can be made slow or failing.
 *
 * @author health-grpc authors
 */
public final class Backend implements AutoCloseable {

	private static final ScheduledExecutorService DELAYS = Executors.newScheduledThreadPool(1, (task) -> {
		Thread thread = new Thread(task, "backend-delays");
		thread.setDaemon(true);
		return thread;
	});

	private final String name;

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final AtomicInteger echoCalls = new AtomicInteger();

	private final AtomicInteger otherCalls = new AtomicInteger();

	// when each Other call arrived (System.nanoTime())
	private final java.util.Queue<Long> otherCallTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private final AtomicInteger holdsLeft = new AtomicInteger();

	private volatile Status.Code failWith = Status.Code.UNAVAILABLE;

	private volatile Duration delay = Duration.ZERO;

	private final Server server;

	private Backend(String name) throws IOException {
		this.name = name;
		this.registry.setStatus("", ServingStatus.SERVING);
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS))
			.addService(new EchoGrpc.EchoImplBase() {

				@Override
				public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					Backend.this.echoCalls.incrementAndGet();
					answer(responseObserver);
				}

			})
			.addService(new OtherGrpc.OtherImplBase() {

				@Override
				public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					Backend.this.otherCallTimes.add(System.nanoTime());
					Backend.this.otherCalls.incrementAndGet();
					answer(responseObserver);
				}

			})
			.build()
			.start();
	}

	public static Backend start(String name) throws IOException {
		return new Backend(name);
	}

	private void answer(StreamObserver<EchoResponse> responseObserver) {
		if (this.holdsLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			// never answered: the call ends by its deadline, a cancel or the shutdown
			return;
		}
		if (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			responseObserver
				.onError(Status.fromCode(this.failWith).withDescription(this.name + " failed").asException());
			return;
		}
		EchoResponse response = EchoResponse.newBuilder().setText(this.name).build();
		Duration wait = this.delay;
		if (wait.isZero()) {
			responseObserver.onNext(response);
			responseObserver.onCompleted();
			return;
		}
		DELAYS.schedule(() -> {
			responseObserver.onNext(response);
			responseObserver.onCompleted();
		}, wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.server.getPort();
	}

	public String hostAndPort() {
		return "127.0.0.1:" + port();
	}

	public int echoCalls() {
		return this.echoCalls.get();
	}

	int otherCalls() {
		return this.otherCalls.get();
	}

	/**
	 * Return when each Other call arrived, in order ({@link System#nanoTime()}).
	 */
	java.util.List<Long> otherCallTimes() {
		return java.util.List.copyOf(this.otherCallTimes);
	}

	public HealthStatusRegistry health() {
		return this.registry;
	}

	void serving(boolean serving) {
		this.registry.setStatus("", serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
	}

	void slow(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Leave the next calls unanswered.
	 */
	void holdNext(int calls) {
		this.holdsLeft.set(calls);
	}

	void failNext(int calls, Status.Code code) {
		this.failWith = code;
		this.failuresLeft.set(calls);
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.notifier.shutdownNow();
	}

}
