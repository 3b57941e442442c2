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

package io.github.healthgrpc.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One server under test, in its own process as users run it: starts the kind named on the
 * command line, prints {@code @@READY <port> <JVM uptime ms> <available processors>},
 * then answers commands read line by line from standard input, each with one {@code @@}
 * line:
 * <ul>
 * <li>{@code set <service> SERVING|NOT_SERVING}: sets a status through the target's own
 * API, answers {@code @@OK <nanoseconds the setter took>};</li>
 * <li>{@code heap}: answers {@code @@HEAP <used bytes after full collections>};</li>
 * <li>{@code cpu}: answers
 * {@code @@CPU <process CPU nanoseconds so far> <milliseconds the
 * JIT compilers spent so far, or -1 if the JVM does not tell>};</li>
 * <li>{@code quit} (or the end of the input): stops the server and exits.</li>
 * </ul>
 * Everything else on standard output (logs) is ignored by the driver. Each Spring Boot
 * line's server jar calls {@link #run} with its own kinds.
 *
 * @author health-grpc authors
 */
public final class BenchServer {

	/**
	 * The service whose status the Watch fan-out flips; every server starts with it
	 * SERVING.
	 */
	public static final String WATCHED_SERVICE = "bench.Watched";

	private BenchServer() {
	}

	/**
	 * Start the kind named by the only argument, serve the driver's commands until
	 * {@code quit}, stop it and exit.
	 * @param args the command line: one kind
	 * @param kinds the servers this jar can start, by kind
	 * @throws Exception if the server fails to start or stop
	 */
	public static void run(String[] args, Map<String, Supplier<HealthTarget>> kinds) throws Exception {
		if (args.length != 1 || !kinds.containsKey(args[0])) {
			System.err.println("usage: java -jar <server jar> <kind>; kinds: " + kinds.keySet());
			System.exit(2);
		}
		try (HealthTarget target = kinds.get(args[0]).get()) {
			serve(target, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
		}
		System.exit(0);
	}

	/**
	 * Announce a started server and answer commands until {@code quit} or the end of the
	 * input.
	 * @param target the started server
	 * @param in the driver's commands
	 * @param out where the replies go
	 * @throws IOException if the commands cannot be read
	 * @throws InterruptedException if interrupted while collecting the heap
	 */
	static void serve(HealthTarget target, BufferedReader in, PrintStream out)
			throws IOException, InterruptedException {
		target.setServing(WATCHED_SERVICE, true);
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		reply(out, "READY " + target.port() + " " + uptime + " " + Runtime.getRuntime().availableProcessors());
		for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
			String[] words = line.split(" ");
			switch (words[0]) {
				case "set" -> {
					boolean serving = words[2].equals("SERVING");
					long start = System.nanoTime();
					target.setServing(words[1], serving);
					reply(out, "OK " + (System.nanoTime() - start));
				}
				case "heap" -> reply(out, "HEAP " + usedHeapAfterCollections());
				case "cpu" -> reply(out, "CPU " + processCpuNanos() + " " + compileMillis());
				default -> reply(out, "ERROR unknown command " + words[0]);
			}
		}
	}

	private static void reply(PrintStream out, String line) {
		out.println("@@" + line);
		out.flush();
	}

	private static long usedHeapAfterCollections() throws InterruptedException {
		// several collections, a pause after each: what is left is what the streams hold
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * The time the JIT compilers spent so far: a server that compiles under load runs
	 * slower code meanwhile, and the compiler threads share its CPU.
	 */
	private static long compileMillis() {
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		return (compiler != null && compiler.isCompilationTimeMonitoringSupported())
				? compiler.getTotalCompilationTime() : -1;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
