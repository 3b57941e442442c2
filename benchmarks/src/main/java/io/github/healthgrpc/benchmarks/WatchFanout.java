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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Opens N Watch streams on one service, flips its status, and measures how long the
 * setter waits and how long until every watcher has seen the flip.
 *
 * @author health-grpc authors
 */
final class WatchFanout {

	static final String SERVICE = "bench.Watched";

	private final int watchers;

	private volatile CountDownLatch seen;

	private volatile HealthCheckResponse.ServingStatus expected;

	WatchFanout(int watchers) {
		this.watchers = watchers;
	}

	/**
	 * Run the flips.
	 * @return per flip {setter return ms, all seen ms}
	 */
	List<double[]> run(HealthTarget target, int flips) throws InterruptedException {
		target.setServing(SERVICE, true);
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", target.port())
			.usePlaintext()
			.flowControlWindow(16 * 1024 * 1024)
			.build();
		List<double[]> results = new ArrayList<>();
		try {
			expect(HealthCheckResponse.ServingStatus.SERVING);
			HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
			HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(SERVICE).build();
			for (int i = 0; i < this.watchers; i++) {
				stub.watch(request, new Counter());
			}
			if (!this.seen.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("watchers did not open");
			}
			boolean serving = true;
			for (int flip = 0; flip < flips; flip++) {
				serving = !serving;
				expect(serving ? HealthCheckResponse.ServingStatus.SERVING
						: HealthCheckResponse.ServingStatus.NOT_SERVING);
				long start = System.nanoTime();
				target.setServing(SERVICE, serving);
				long returned = System.nanoTime();
				if (!this.seen.await(120, TimeUnit.SECONDS)) {
					throw new IllegalStateException("flip not seen by every watcher");
				}
				long allSeen = System.nanoTime();
				results.add(new double[] { (returned - start) / 1e6, (allSeen - start) / 1e6 });
			}
		}
		finally {
			channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
		}
		return results;
	}

	private void expect(HealthCheckResponse.ServingStatus status) {
		this.expected = status;
		this.seen = new CountDownLatch(this.watchers);
	}

	private final class Counter implements StreamObserver<HealthCheckResponse> {

		private HealthCheckResponse.ServingStatus last;

		@Override
		public void onNext(HealthCheckResponse value) {
			// responses of one call arrive in order, one at a time
			if (value.getStatus() != this.last && value.getStatus() == WatchFanout.this.expected) {
				WatchFanout.this.seen.countDown();
			}
			this.last = value.getStatus();
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
		}

	}

}
