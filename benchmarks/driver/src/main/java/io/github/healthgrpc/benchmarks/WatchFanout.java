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

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.sun.management.OperatingSystemMXBean;
import io.github.healthgrpc.benchmarks.server.BenchServer;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Watch streams on one service of each of several running servers: opens them in steps
 * (1,000, then up to 10,000) on every server, and at each step reads each server's heap,
 * then flips the status a few times on each server in turn (the order reversed every
 * flip) and measures how long the setter took inside the server and how long until every
 * watcher of that server had the flip (from just before the set command to the last
 * watcher's response). Taking turns flip by flip puts the machine's slow drift on every
 * server alike, as the Check load's slices do.
 *
 * @author health-grpc authors
 */
final class WatchFanout {

	static final String SERVICE = BenchServer.WATCHED_SERVICE;

	// this process, the load generator: its CPU time per flip (every thread, mostly the
	// watchers reading the flip) tells how much of the flip's time is the client's work
	private static final OperatingSystemMXBean LOAD_GENERATOR = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final int flips;

	WatchFanout(int flips) {
		this.flips = flips;
	}

	/**
	 * Run every step against some running servers, each with no watcher yet.
	 * @param servers the servers, in the order of the first turn
	 * @param steps watcher counts, ascending
	 * @param failed told of a server that failed, whose figures are then left out
	 * @return each server's results, one per step, for the servers that did not fail
	 */
	Map<ServerProcess, List<Result>> run(List<ServerProcess> servers, List<Integer> steps,
			BiConsumer<ServerProcess, Exception> failed) throws InterruptedException {
		Map<ServerProcess, Watchers> watchers = new LinkedHashMap<>();
		Map<ServerProcess, List<Result>> results = new LinkedHashMap<>();
		try {
			for (ServerProcess server : servers) {
				try {
					watchers.put(server, Watchers.open(server));
					results.put(server, new ArrayList<>());
				}
				catch (Exception ex) {
					failed.accept(server, ex);
				}
			}
			for (int step : steps) {
				Map<Watchers, Double> heap = new LinkedHashMap<>();
				for (Watchers each : List.copyOf(watchers.values())) {
					try {
						heap.put(each, each.openUpTo(step));
					}
					catch (Exception ex) {
						drop(each, watchers, results, failed, ex);
					}
				}
				Map<Watchers, List<Flip>> flips = new LinkedHashMap<>();
				List<Watchers> order = new ArrayList<>(watchers.values());
				order.forEach((each) -> flips.put(each, new ArrayList<>()));
				// two flips that are not counted warm the paths up
				for (int flip = -2; flip < this.flips; flip++) {
					for (Watchers each : List.copyOf(order)) {
						try {
							Flip figures = each.flip();
							if (flip >= 0) {
								flips.get(each).add(figures);
							}
						}
						catch (Exception ex) {
							// one server's failure leaves the others' flips standing
							order.remove(each);
							drop(each, watchers, results, failed, ex);
						}
					}
					Collections.reverse(order);
				}
				for (Watchers each : watchers.values()) {
					results.get(each.server).add(new Result(step, flips.get(each), heap.get(each)));
				}
			}
		}
		finally {
			for (Watchers each : watchers.values()) {
				each.close();
			}
		}
		return results;
	}

	private static void drop(Watchers each, Map<ServerProcess, Watchers> watchers,
			Map<ServerProcess, List<Result>> results, BiConsumer<ServerProcess, Exception> failed, Exception ex)
			throws InterruptedException {
		if (ex instanceof InterruptedException interrupted) {
			throw interrupted;
		}
		watchers.remove(each.server);
		results.remove(each.server);
		each.close();
		failed.accept(each.server, ex);
	}

	/**
	 * One flip's figures, in milliseconds.
	 *
	 * @param setterMillis how long the setter took inside the server
	 * @param allSeenMillis how long until every watcher had it, from just before the set
	 * command
	 * @param cpuMillis the server's process CPU time meanwhile
	 * @param loadCpuMillis the load generator's (this process's) CPU time meanwhile: its
	 * watchers reading the flip
	 */
	record Flip(double setterMillis, double allSeenMillis, double cpuMillis, double loadCpuMillis) {

	}

	/**
	 * One step's figures.
	 *
	 * @param watchers open Watch streams
	 * @param flips the counted flips
	 * @param heapPerWatcher server heap per open stream, in bytes
	 */
	record Result(int watchers, List<Flip> flips, double heapPerWatcher) {

		List<Double> setterMillis() {
			return this.flips.stream().map(Flip::setterMillis).toList();
		}

		List<Double> allSeenMillis() {
			return this.flips.stream().map(Flip::allSeenMillis).toList();
		}

		/**
		 * The mean, not the median: the process CPU clock ticks in 10 ms, so only a sum
		 * over several flips is precise.
		 */
		double meanCpuMillis() {
			return this.flips.stream().mapToDouble(Flip::cpuMillis).average().orElse(0);
		}

		/**
		 * The mean, for the same reason as {@link #meanCpuMillis()}.
		 */
		double meanLoadCpuMillis() {
			return this.flips.stream().mapToDouble(Flip::loadCpuMillis).average().orElse(0);
		}

	}

	/**
	 * The watchers of one server, on one channel of their own.
	 */
	private static final class Watchers {

		private final ServerProcess server;

		private final ManagedChannel channel;

		private final HealthGrpc.HealthStub stub;

		private final HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(SERVICE).build();

		private long baseline;

		private volatile CountDownLatch seen;

		private volatile HealthCheckResponse.ServingStatus expected;

		private volatile boolean closing;

		private boolean serving = true;

		private int open;

		private Watchers(ServerProcess server, ManagedChannel channel) {
			this.server = server;
			this.channel = channel;
			this.stub = HealthGrpc.newStub(channel);
		}

		static Watchers open(ServerProcess server) throws Exception {
			ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
				.usePlaintext()
				.flowControlWindow(16 * 1024 * 1024)
				.build();
			Watchers watchers = new Watchers(server, channel);
			try {
				// one watcher first, so that the baseline has the connection and the
				// classes
				watchers.open(1);
				watchers.baseline = server.usedHeap();
				return watchers;
			}
			catch (Exception ex) {
				watchers.close();
				throw ex;
			}
		}

		/**
		 * Open watchers until {@code count} are open.
		 * @return the server's heap per watcher then, in bytes
		 */
		double openUpTo(int count) throws Exception {
			open(count - this.open);
			return (this.server.usedHeap() - this.baseline) / (double) (this.open - 1);
		}

		/**
		 * Flip the status once.
		 * @return its figures
		 */
		Flip flip() throws Exception {
			this.serving = !this.serving;
			expect(this.open);
			long cpuBefore = this.server.cpuNanos();
			long loadCpuBefore = LOAD_GENERATOR.getProcessCpuTime();
			long start = System.nanoTime();
			double setterMillis = this.server.setServing(SERVICE, this.serving);
			if (!this.seen.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.server.target().label() + ": flip not seen by every watcher");
			}
			double allSeenMillis = (System.nanoTime() - start) / 1e6;
			double loadCpuMillis = (LOAD_GENERATOR.getProcessCpuTime() - loadCpuBefore) / 1e6;
			return new Flip(setterMillis, allSeenMillis, (this.server.cpuNanos() - cpuBefore) / 1e6, loadCpuMillis);
		}

		private void open(int count) throws InterruptedException {
			// every watcher's first response is the current status
			expect(count);
			for (int i = 0; i < count; i++) {
				this.stub.watch(this.request, new Counter());
			}
			if (!this.seen.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.server.target().label() + ": watchers did not open");
			}
			this.open += count;
		}

		private void expect(int count) {
			this.expected = this.serving ? HealthCheckResponse.ServingStatus.SERVING
					: HealthCheckResponse.ServingStatus.NOT_SERVING;
			this.seen = new CountDownLatch(count);
		}

		void close() throws InterruptedException {
			this.closing = true;
			this.channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
		}

		private final class Counter implements StreamObserver<HealthCheckResponse> {

			private HealthCheckResponse.ServingStatus last;

			@Override
			public void onNext(HealthCheckResponse value) {
				// responses of one call arrive in order, one at a time
				if (value.getStatus() != this.last && value.getStatus() == Watchers.this.expected) {
					Watchers.this.seen.countDown();
				}
				this.last = value.getStatus();
			}

			@Override
			public void onError(Throwable t) {
				if (!Watchers.this.closing) {
					System.err.println("a watch ended early: " + t);
				}
			}

			@Override
			public void onCompleted() {
			}

		}

	}

}
