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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed loop of unary {@code Check("")} calls with a fixed number in flight: each
 * completed call sends the next. Each server process is first warmed up, unmeasured, at
 * every concurrency until its JIT compilers are nearly idle ({@link WarmUpRule}). Then
 * the servers of one line, all running, are measured in short slices that take turns: at
 * each concurrency every server has a channel of its own and is first loaded, unmeasured,
 * for a few seconds (a server just loaded at another concurrency is slow at the new one
 * for its first seconds), then slice after slice one server at a time gets the load,
 * first unmeasured (the settle time), then measured, the order reversed every turn. A
 * server's figures are those of all its measured slices together. Slow drift of the
 * machine (another tenant of the host, a noisy minute) then falls on every server of the
 * line alike instead of on whichever server happened to be measured during it, and the
 * ratios between them keep only what the servers differ in. At the end of each slice no
 * new call is sent and the calls in flight are let finish, so that no server sees (and
 * logs) streams cancelled under it.
 *
 * @author health-grpc authors
 */
final class CheckLoad {

	private final WarmUpRule warmUpRule;

	private final Duration concurrencyWarmUp;

	private final Duration settle;

	private final Duration measured;

	private final int slices;

	private final StolenTime serverStolen;

	private final StolenTime loadStolen;

	CheckLoad(WarmUpRule warmUpRule, Duration concurrencyWarmUp, Duration settle, Duration measured, int slices,
			StolenTime serverStolen, StolenTime loadStolen) {
		this.warmUpRule = warmUpRule;
		this.concurrencyWarmUp = concurrencyWarmUp;
		this.settle = settle;
		this.measured = measured;
		this.slices = slices;
		this.serverStolen = serverStolen;
		this.loadStolen = loadStolen;
	}

	/**
	 * Load a freshly started server until its compilers are nearly idle: cycles of load,
	 * one step at each concurrency ({@link WarmUpRule#step}), each step on a new
	 * connection as the measured load opens them, until the {@link WarmUpRule} says so.
	 * @param port the server's port on 127.0.0.1
	 * @param usage the server's usage, for its compile time
	 * @param inFlight the concurrencies, in the order measured
	 * @return how long it took, how quiet its compilers were at the end, and what the
	 * server served in the last cycle
	 * @throws IllegalStateException if a step completed no call and some failed: a server
	 * that answers only errors is not warming up (one that completed none yet, with none
	 * failed, is slow: a cold server on one core may not finish a call at 256 in flight
	 * within a short step)
	 */
	WarmedUp warmUp(int port, ServerUsage.Meter usage, List<Integer> inFlight) throws Exception {
		Duration step = WarmUpRule.step(this.concurrencyWarmUp);
		long start = System.nanoTime();
		for (int cycles = 1;; cycles++) {
			long cycleStart = System.nanoTime();
			ServerUsage before = usage.read();
			List<Double> callsPerSecond = new ArrayList<>();
			long errors = 0;
			for (int calls : inFlight) {
				ManagedChannel channel = channel(port);
				try {
					Result result = window(channel, calls, Duration.ZERO, step, () -> ServerUsage.NONE,
							Disturbance.Meter.NONE)
						.window()
						.result(List.of(), Window.empty());
					if (result.callsPerSecond() == 0 && result.errors() > 0) {
						throw new IllegalStateException("warm-up: no Check answered at " + calls + " in flight, "
								+ result.errors() + " errors");
					}
					callsPerSecond.add(result.callsPerSecond());
					errors += result.errors();
				}
				finally {
					channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
				}
			}
			long compileMillis = usage.read().since(before).compileMillis();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			Duration cycle = Duration.ofNanos(System.nanoTime() - cycleStart);
			if (this.warmUpRule.done(elapsed, cycle, compileMillis)) {
				return new WarmedUp(elapsed.toMillis() / 1000.0, cycles, compileMillis,
						this.warmUpRule.quiet(cycle, compileMillis), callsPerSecond, errors);
			}
		}
	}

	/**
	 * Measure several running servers at one concurrency, in slices that take turns.
	 * @param servers the servers, in the order of the first turn
	 * @param inFlight calls in flight at any time
	 * @return each server's figures, its measured slices together
	 */
	Map<ServerProcess, Result> run(List<ServerProcess> servers, int inFlight) throws Exception {
		Map<ServerProcess, ManagedChannel> channels = new LinkedHashMap<>();
		Map<ServerProcess, Window> totals = new LinkedHashMap<>();
		Map<ServerProcess, Window> undisturbed = new LinkedHashMap<>();
		Map<ServerProcess, List<Slice>> slices = new LinkedHashMap<>();
		Map<ServerProcess, Disturbance.Meter> meters = new LinkedHashMap<>();
		try {
			for (ServerProcess server : servers) {
				channels.put(server, channel(server.port()));
				totals.put(server, Window.empty());
				undisturbed.put(server, Window.empty());
				slices.put(server, new ArrayList<>());
				meters.put(server, new Disturbance.Meter(server.pid(),
						servers.stream().filter((other) -> other != server).map(ServerProcess::pid).toList()));
			}
			List<ServerProcess> order = new ArrayList<>(servers);
			for (ServerProcess server : order) {
				window(channels.get(server), inFlight, this.concurrencyWarmUp, Duration.ZERO, () -> ServerUsage.NONE,
						Disturbance.Meter.NONE);
			}
			Collections.reverse(order);
			for (int turn = 0; turn < this.slices; turn++) {
				for (ServerProcess server : order) {
					Measured slice = window(channels.get(server), inFlight, this.settle, this.measured, server::usage,
							meters.get(server));
					totals.put(server, totals.get(server).plus(slice.window()));
					if (slice.disturbance().undisturbed()) {
						undisturbed.put(server, undisturbed.get(server).plus(slice.window()));
					}
					slices.get(server).add(slice.slice(turn));
				}
				// A B C, C B A, A B C: no server always follows the same one
				Collections.reverse(order);
			}
		}
		finally {
			for (ManagedChannel channel : channels.values()) {
				channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			}
		}
		Map<ServerProcess, Result> results = new LinkedHashMap<>();
		totals
			.forEach((server, total) -> results.put(server, total.result(slices.get(server), undisturbed.get(server))));
		return results;
	}

	private static ManagedChannel channel(int port) {
		return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	private Measured window(ManagedChannel channel, int inFlight, Duration unmeasured, Duration window,
			ServerUsage.Meter usage, Disturbance.Meter disturbance) throws Exception {
		Recorder latencies = new Recorder(3);
		LongAdder failed = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		// one party per chain of calls: a chain leaves when its last call ends
		Phaser chains = new Phaser(1);
		// read before any load: the reading takes the load generator's CPU for a while,
		// which must not fall into the measured window; so this covers the settle time
		// too
		Disturbance.Reading threadsBefore = disturbance.read();
		try {
			HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
			for (int i = 0; i < inFlight; i++) {
				chains.register();
				call(stub, running, chains, latencies, failed);
			}
			Thread.sleep(unmeasured.toMillis());
			ServerUsage usageBefore = usage.read();
			StolenTime.Ticks serverBefore = this.serverStolen.read();
			StolenTime.Ticks loadBefore = this.loadStolen.read();
			latencies.getIntervalHistogram();
			long start = System.nanoTime();
			Thread.sleep(window.toMillis());
			Histogram measuredWindow = latencies.getIntervalHistogram();
			double seconds = (System.nanoTime() - start) / 1e9;
			double serverStolen = this.serverStolen.read().stolenSince(serverBefore);
			double loadStolen = this.loadStolen.read().stolenSince(loadBefore);
			ServerUsage used = usage.read().since(usageBefore);
			Disturbance disturbed = disturbance.read().since(threadsBefore);
			running.set(false);
			drain(chains);
			return new Measured(new Window(measuredWindow, seconds, used.cpuNanos(), failed.sum()),
					used.compileMillis(), serverStolen, loadStolen, disturbed);
		}
		finally {
			running.set(false);
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
	 * A finished warm-up.
	 *
	 * @param seconds how long it took
	 * @param cycles its cycles of load at every concurrency
	 * @param lastCycleCompileMillis the time of the compilations that finished in the
	 * last cycle, -1 if unknown
	 * @param quiet whether the last cycle was quiet rather than the limit reached
	 * @param lastCycleCallsPerSecond the calls per second of the last cycle's steps, one
	 * per concurrency in order
	 * @param lastCycleErrors failed calls and replies other than SERVING in the last
	 * cycle
	 */
	record WarmedUp(double seconds, int cycles, long lastCycleCompileMillis, boolean quiet,
			List<Double> lastCycleCallsPerSecond, long lastCycleErrors) {

		/**
		 * One line for the progress output.
		 * @return how long it took and how its last cycle went
		 */
		String describe() {
			String calls = this.lastCycleCallsPerSecond.stream()
				.map((perSecond) -> String.format(Locale.ROOT, "%,.0f", perSecond))
				.collect(Collectors.joining(" / "));
			String compiled = (this.lastCycleCompileMillis >= 0) ? this.lastCycleCompileMillis + " ms" : "unknown";
			return String.format(Locale.ROOT, "warm-up: %.1f s, %d cycles; the last: %s compiling, %s calls/s%s%s",
					this.seconds, this.cycles, compiled, calls,
					(this.lastCycleErrors > 0) ? ", ERRORS " + this.lastCycleErrors : "",
					this.quiet ? "" : " (STILL COMPILING at the limit)");
		}

	}

	/**
	 * One measured window.
	 *
	 * @param callsPerSecond completed calls per second
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param cpuMicrosPerCall the server's process CPU time in the measured windows per
	 * completed call (its every thread: transport, application, collector, compiler)
	 * @param errors failed calls and replies other than SERVING, settle time included
	 * @param slices each measured slice's own figures, in the order measured
	 * @param undisturbedP99Millis the 99th percentile latency of the undisturbed slices
	 * together ({@link Disturbance#undisturbed()}), NaN if there was none
	 * @param undisturbedSlices how many of the slices were undisturbed
	 */
	record Result(double callsPerSecond, double p50Millis, double p99Millis, double cpuMicrosPerCall, long errors,
			List<Slice> slices, double undisturbedP99Millis, int undisturbedSlices) {

	}

	/**
	 * One measured slice of one server.
	 *
	 * @param turn the turn it was measured in, from 0
	 * @param callsPerSecond completed calls per second
	 * @param p99Millis 99th percentile latency
	 * @param cpuMicrosPerCall the server's process CPU time per completed call
	 * @param compileMillis the time of the server's JIT compilations that finished during
	 * the slice, summed over its compiler threads (a compilation counts whole in the
	 * slice it ends in, so this can exceed the slice), -1 if unknown
	 * @param serverStolen the share of the server CPUs' time stolen by another guest of
	 * the host during the slice
	 * @param loadStolen the same for the load generator's CPUs
	 * @param disturbance the CPU time of the compilers and collectors during the slice
	 */
	record Slice(int turn, double callsPerSecond, double p99Millis, double cpuMicrosPerCall, long compileMillis,
			double serverStolen, double loadStolen, Disturbance disturbance) {

		/**
		 * A slice whose compilers and collectors were not read.
		 */
		Slice(int turn, double callsPerSecond, double p99Millis, double cpuMicrosPerCall, long compileMillis,
				double serverStolen, double loadStolen) {
			this(turn, callsPerSecond, p99Millis, cpuMicrosPerCall, compileMillis, serverStolen, loadStolen,
					Disturbance.UNKNOWN);
		}

	}

	/**
	 * Measured slices, added up.
	 *
	 * @param latencies every measured call's latency, in microseconds
	 * @param seconds the measured time
	 * @param cpuNanos the server's process CPU time in the measured time
	 * @param errors failed calls and replies other than SERVING, settle time included
	 */
	record Window(Histogram latencies, double seconds, long cpuNanos, long errors) {

		static Window empty() {
			return new Window(new Histogram(3), 0, 0, 0);
		}

		Window plus(Window other) {
			Histogram sum = this.latencies.copy();
			sum.add(other.latencies);
			return new Window(sum, this.seconds + other.seconds, this.cpuNanos + other.cpuNanos,
					this.errors + other.errors);
		}

		/**
		 * These slices' figures.
		 * @param slices each slice's own figures
		 * @param undisturbed the undisturbed slices among them, added up
		 */
		Result result(List<Slice> slices, Window undisturbed) {
			long calls = this.latencies.getTotalCount();
			boolean anyUndisturbed = undisturbed.latencies.getTotalCount() > 0;
			return new Result((this.seconds > 0) ? calls / this.seconds : 0,
					this.latencies.getValueAtPercentile(50) / 1e3, this.latencies.getValueAtPercentile(99) / 1e3,
					(calls > 0) ? this.cpuNanos / 1e3 / calls : 0, this.errors, List.copyOf(slices),
					anyUndisturbed ? undisturbed.latencies.getValueAtPercentile(99) / 1e3 : Double.NaN,
					(int) slices.stream().filter((slice) -> slice.disturbance().undisturbed()).count());
		}

	}

	/**
	 * One measured window, the server's compile time and the time stolen from the CPUs
	 * during it.
	 *
	 * @param window the window
	 * @param compileMillis the time of the server's compilations that finished in it, -1
	 * if unknown
	 * @param serverStolen the share of the server CPUs' time stolen
	 * @param loadStolen the same for the load generator's CPUs
	 * @param disturbance the compilers' and collectors' CPU time during it
	 */
	private record Measured(Window window, long compileMillis, double serverStolen, double loadStolen,
			Disturbance disturbance) {

		Slice slice(int turn) {
			Result result = this.window.result(List.of(), Window.empty());
			return new Slice(turn, result.callsPerSecond(), result.p99Millis(), result.cpuMicrosPerCall(),
					this.compileMillis, this.serverStolen, this.loadStolen, this.disturbance);
		}

	}

}
