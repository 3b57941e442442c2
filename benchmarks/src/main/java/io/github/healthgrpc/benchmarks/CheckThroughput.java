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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A closed loop of unary {@code Check("")} calls over one channel with a fixed number in
 * flight.
 *
 * @author health-grpc authors
 */
final class CheckThroughput {

	private final int inFlight;

	private final Duration warmUp;

	private final Duration measured;

	CheckThroughput(int inFlight, Duration warmUp, Duration measured) {
		this.inFlight = inFlight;
		this.warmUp = warmUp;
		this.measured = measured;
	}

	/**
	 * Run the loop.
	 * @return calls per second in the measured window
	 */
	double run(HealthTarget target) throws InterruptedException {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", target.port()).usePlaintext().build();
		LongAdder completed = new LongAdder();
		LongAdder failed = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		try {
			HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
			for (int i = 0; i < this.inFlight; i++) {
				call(stub, running, completed, failed);
			}
			Thread.sleep(this.warmUp.toMillis());
			long before = completed.sum();
			long start = System.nanoTime();
			Thread.sleep(this.measured.toMillis());
			long calls = completed.sum() - before;
			double seconds = (System.nanoTime() - start) / 1e9;
			running.set(false);
			if (failed.sum() > 0) {
				throw new IllegalStateException(failed.sum() + " calls failed");
			}
			return calls / seconds;
		}
		finally {
			running.set(false);
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private void call(HealthGrpc.HealthStub stub, AtomicBoolean running, LongAdder completed, LongAdder failed) {
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
			}

			@Override
			public void onCompleted() {
				completed.increment();
				if (running.get()) {
					call(stub, running, completed, failed);
				}
			}

		});
	}

}
