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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs every measurement on every target, alternating targets round by round so that
 * drift of the machine hits all of them alike, and prints medians and ratios.
 *
 * <pre>
 * java -jar benchmarks/target/health-grpc-benchmarks.jar [watchers] [rounds]
 * </pre>
 *
 * @author health-grpc authors
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		int watchers = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		fanout(watchers, rounds);
		throughput(rounds);
		System.exit(0);
	}

	private static void fanout(int watchers, int rounds) throws Exception {
		Map<String, Supplier<HealthTarget>> targets = new LinkedHashMap<>();
		targets.put("grpc-java HealthStatusManager", BareServers::grpcJava);
		targets.put("health-grpc registry", BareServers::healthGrpc);
		Map<String, List<double[]>> results = new LinkedHashMap<>();
		// round 0 warms the JIT up (client and server share this JVM) and is not counted
		for (int round = 0; round <= rounds; round++) {
			for (Map.Entry<String, Supplier<HealthTarget>> target : targets.entrySet()) {
				try (HealthTarget running = target.getValue().get()) {
					List<double[]> flips = new WatchFanout(watchers).run(running, 6);
					if (round > 0) {
						results.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>()).addAll(flips);
					}
				}
			}
		}
		System.out.printf("%nWatch fan-out: %d watchers on 1 channel, %d flips per target (bare Netty servers)%n",
				watchers, rounds * 6);
		System.out.printf("%-32s %22s %22s%n", "target", "setter waits (ms, p50)", "all seen (ms, p50)");
		results.forEach(
				(name, flips) -> System.out.printf("%-32s %22.3f %22.1f%n", name, median(flips, 0), median(flips, 1)));
	}

	private static void throughput(int rounds) throws Exception {
		Map<String, Supplier<HealthTarget>> targets = new LinkedHashMap<>();
		targets.put("grpc-java HealthStatusManager", BareServers::grpcJava);
		targets.put("net.devh built-in (Spring)", SpringServers::netDevhBuiltIn);
		targets.put("health-grpc (Spring)", SpringServers::healthGrpc);
		CheckThroughput loop = new CheckThroughput(64, Duration.ofSeconds(3), Duration.ofSeconds(5));
		Map<String, List<Double>> results = new LinkedHashMap<>();
		for (int round = 0; round <= rounds; round++) {
			for (Map.Entry<String, Supplier<HealthTarget>> target : targets.entrySet()) {
				try (HealthTarget running = target.getValue().get()) {
					double callsPerSecond = loop.run(running);
					if (round > 0) {
						results.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>()).add(callsPerSecond);
					}
				}
			}
		}
		double bare = median(results.get("grpc-java HealthStatusManager"));
		double netDevh = median(results.get("net.devh built-in (Spring)"));
		System.out.printf("%nCheck(\"\") throughput: 64 in flight, 1 channel, 3 s warm-up, 5 s measured, %d rounds%n",
				rounds);
		System.out.printf("%-32s %12s %10s %12s   %s%n", "target", "calls/s p50", "/ bare", "/ net.devh", "rounds");
		results.forEach((name, values) -> System.out.printf("%-32s %12.0f %10.2f %12.2f   %s%n", name, median(values),
				median(values) / bare, median(values) / netDevh,
				values.stream().map((v) -> String.format("%.0f", v)).toList()));
	}

	private static double median(List<double[]> rows, int column) {
		return median(rows.stream().map((row) -> row[column]).toList());
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
