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

package io.github.healthgrpc.benchmarks;

import java.time.Duration;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed loop of unary {@code Check("")} calls over one channel with a fixed number in
 * flight: each completed call sends the next. Each server process gets one warm-up (64 in
 * flight, not measured); then each concurrency runs on a new channel, first unmeasured
 * (the settle time), then measured: latency per call, from sending to the response, in a
 * histogram read at the window's start and end. At the end no new call is sent and the
 * calls in flight are let finish before the channel closes, so that no server sees (and
 * logs) streams cancelled under it.
 *
 * @author health-grpc authors
 */
final class CheckLoad {

	static final int WARM_UP_IN_FLIGHT = 64;

	private final Duration warmUp;

	private final Duration settle;

	private final Duration measured;

	CheckLoad(Duration warmUp, Duration settle, Duration measured) {
		this.warmUp = warmUp;
		this.settle = settle;
		this.measured = measured;
	}

	/**
	 * Load a freshly started server until its paths are compiled.
	 * @param port the server's port on 127.0.0.1
	 * @return the warm-up's figures
	 */
	Result warmUp(int port) throws InterruptedException {
		return loop(port, WARM_UP_IN_FLIGHT, Duration.ZERO, this.warmUp);
	}

	/**
	 * Run the loop against a server.
	 * @param port the server's port on 127.0.0.1
	 * @param inFlight calls in flight at any time
	 * @return the measured window's figures
	 */
	Result run(int port, int inFlight) throws InterruptedException {
		return loop(port, inFlight, this.settle, this.measured);
	}

	private Result loop(int port, int inFlight, Duration unmeasured, Duration window) throws InterruptedException {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		Recorder latencies = new Recorder(3);
		LongAdder failed = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		// one party per chain of calls: a chain leaves when its last call ends
		Phaser chains = new Phaser(1);
		try {
			HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
			for (int i = 0; i < inFlight; i++) {
				chains.register();
				call(stub, running, chains, latencies, failed);
			}
			Thread.sleep(unmeasured.toMillis());
			latencies.getIntervalHistogram();
			long start = System.nanoTime();
			Thread.sleep(window.toMillis());
			Histogram measuredWindow = latencies.getIntervalHistogram();
			double seconds = (System.nanoTime() - start) / 1e9;
			running.set(false);
			drain(chains);
			return new Result(measuredWindow.getTotalCount() / seconds, measuredWindow.getValueAtPercentile(50) / 1e3,
					measuredWindow.getValueAtPercentile(99) / 1e3, failed.sum());
		}
		finally {
			running.set(false);
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private static void drain(Phaser chains) throws InterruptedException {
		try {
			chains.awaitAdvanceInterruptibly(chains.arriveAndDeregister(), 10, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			// a server that holds calls this long: the channel's shutdownNow cancels them
		}
	}

	private void call(HealthGrpc.HealthStub stub, AtomicBoolean running, Phaser chains, Recorder latencies,
			LongAdder failed) {
		long sent = System.nanoTime();
		stub.check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

			@Override
			public void onNext(HealthCheckResponse value) {
				if (value.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
					failed.increment();
				}
			}

			@Override
			public void onError(Throwable t) {
				if (running.get()) {
					failed.increment();
				}
				chains.arriveAndDeregister();
			}

			@Override
			public void onCompleted() {
				latencies.recordValue((System.nanoTime() - sent) / 1_000);
				if (running.get()) {
					call(stub, running, chains, latencies, failed);
				}
				else {
					chains.arriveAndDeregister();
				}
			}

		});
	}

	/**
	 * One measured window.
	 *
	 * @param callsPerSecond completed calls per second
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param errors failed calls and replies other than SERVING, settle time included
	 */
	record Result(double callsPerSecond, double p50Millis, double p99Millis, long errors) {

	}

}
