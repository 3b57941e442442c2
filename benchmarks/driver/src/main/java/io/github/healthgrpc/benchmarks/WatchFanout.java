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

import io.github.healthgrpc.benchmarks.server.BenchServer;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Watch streams on one service of one server: opens them in steps (1,000, then up to
 * 10,000), and at each step reads the server's heap, flips the status a few times, and
 * measures how long the setter took inside the server and how long until every watcher
 * had the flip (from just before the set command to the last watcher's response).
 *
 * @author health-grpc authors
 */
final class WatchFanout {

	static final String SERVICE = BenchServer.WATCHED_SERVICE;

	private final int flips;

	private volatile CountDownLatch seen;

	private volatile HealthCheckResponse.ServingStatus expected;

	private int open;

	private volatile boolean closing;

	WatchFanout(int flips) {
		this.flips = flips;
	}

	/**
	 * Run every step against one fresh server.
	 * @param steps watcher counts, ascending
	 * @return one result per step
	 */
	List<Result> run(ServerProcess server, List<Integer> steps) throws Exception {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
			.usePlaintext()
			.flowControlWindow(16 * 1024 * 1024)
			.build();
		List<Result> results = new ArrayList<>();
		this.open = 0;
		this.closing = false;
		try {
			HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
			HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(SERVICE).build();
			// one watcher first, so that the baseline has the connection and the classes
			boolean serving = open(stub, request, 1, true);
			long baseline = server.usedHeap();
			for (int watchers : steps) {
				serving = open(stub, request, watchers - this.open, serving);
				double heapPerWatcher = (server.usedHeap() - baseline) / (double) (this.open - 1);
				List<Double> setter = new ArrayList<>();
				List<Double> allSeen = new ArrayList<>();
				// two flips that are not counted warm the paths up
				for (int flip = -2; flip < this.flips; flip++) {
					serving = !serving;
					expect(serving, this.open);
					long start = System.nanoTime();
					double setterMillis = server.setServing(SERVICE, serving);
					if (!this.seen.await(120, TimeUnit.SECONDS)) {
						throw new IllegalStateException("flip not seen by every watcher");
					}
					if (flip >= 0) {
						setter.add(setterMillis);
						allSeen.add((System.nanoTime() - start) / 1e6);
					}
				}
				results.add(new Result(watchers, setter, allSeen, heapPerWatcher));
			}
		}
		finally {
			this.closing = true;
			channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
		}
		return results;
	}

	private boolean open(HealthGrpc.HealthStub stub, HealthCheckRequest request, int count, boolean serving)
			throws InterruptedException {
		// every watcher's first response is the current status
		expect(serving, count);
		for (int i = 0; i < count; i++) {
			stub.watch(request, new Counter());
		}
		if (!this.seen.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("watchers did not open");
		}
		this.open += count;
		return serving;
	}

	private void expect(boolean serving, int count) {
		this.expected = serving ? HealthCheckResponse.ServingStatus.SERVING
				: HealthCheckResponse.ServingStatus.NOT_SERVING;
		this.seen = new CountDownLatch(count);
	}

	/**
	 * One step's figures.
	 *
	 * @param watchers open Watch streams
	 * @param setterMillis per flip, how long the setter took inside the server
	 * @param allSeenMillis per flip, how long until every watcher had it
	 * @param heapPerWatcher server heap per open stream, in bytes
	 */
	record Result(int watchers, List<Double> setterMillis, List<Double> allSeenMillis, double heapPerWatcher) {

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
			if (!WatchFanout.this.closing) {
				System.err.println("a watch ended early: " + t);
			}
		}

		@Override
		public void onCompleted() {
		}

	}

}
