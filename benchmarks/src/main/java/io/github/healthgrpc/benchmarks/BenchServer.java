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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One server under test, in its own process as users run it: starts the kind named on the
 * command line, prints {@code @@READY <port> <uptime ms>}, then answers commands read
 * line by line from standard input, each with one {@code @@} line:
 * <ul>
 * <li>{@code set <service> SERVING|NOT_SERVING}: sets a status through the target's own
 * API, answers {@code @@OK <nanoseconds the setter took>};</li>
 * <li>{@code heap}: answers {@code @@HEAP <used bytes after full collections>};</li>
 * <li>{@code cpu}: answers {@code @@CPU <process CPU nanoseconds so far>};</li>
 * <li>{@code quit}: stops the server and exits.</li>
 * </ul>
 * Everything else on standard output (logs) is ignored by the driver.
 *
 * @author health-grpc authors
 */
final class BenchServer {

	private BenchServer() {
	}

	static void main(String kind) throws Exception {
		try (HealthTarget target = start(kind).get()) {
			target.setServing(WatchFanout.SERVICE, true);
			long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
			reply("READY " + target.port() + " " + uptime);
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
				String[] words = line.split(" ");
				switch (words[0]) {
					case "set" -> {
						boolean serving = words[2].equals("SERVING");
						long start = System.nanoTime();
						target.setServing(words[1], serving);
						reply("OK " + (System.nanoTime() - start));
					}
					case "heap" -> reply("HEAP " + usedHeapAfterCollections());
					case "cpu" -> reply("CPU " + processCpuNanos());
					default -> reply("ERROR unknown command " + words[0]);
				}
			}
		}
		System.exit(0);
	}

	static Supplier<HealthTarget> start(String kind) {
		return switch (kind) {
			case "bare" -> BareServers::grpcJava;
			case "netdevh" -> SpringServers::netDevhBuiltIn;
			case "starter" -> SpringServers::healthGrpc;
			case "starter-slow" -> SpringServers::healthGrpcWithSlowContributor;
			default -> throw new IllegalArgumentException("unknown server kind " + kind);
		};
	}

	private static void reply(String line) {
		System.out.println("@@" + line);
		System.out.flush();
	}

	private static long usedHeapAfterCollections() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
