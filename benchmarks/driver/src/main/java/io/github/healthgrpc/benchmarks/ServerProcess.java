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
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.benchmarks.server.BenchServer;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * The driver's handle on one {@link BenchServer} process: launches the target's line's
 * server jar with the same JVM, flags and CPU pinning for every target, measures how long
 * it takes to be ready, and sends it commands.
 *
 * @author health-grpc authors
 */
final class ServerProcess implements AutoCloseable {

	static final List<String> SERVER_JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

	private static final int MAX_ERROR_LINES = 20;

	/**
	 * Quiet: less than 5 ms of CPU over this long; the process CPU clock counts in 10 ms
	 * ticks, so that is no tick at all.
	 */
	private static final Duration QUIET_SAMPLE = Duration.ofMillis(250);

	private final Target target;

	private final Process process;

	private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

	private final Writer commands;

	private final int port;

	private final double startupMillis;

	private final double uptimeAtReadyMillis;

	private final int processors;

	private final String allowedCpus;

	private ServerProcess(Target target, Path jar, Pinning pinning, List<String> extraJvmOptions)
			throws IOException, InterruptedException {
		this.target = target;
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(target.label() + ": no server jar at " + jar.toAbsolutePath()
					+ " (bash benchmarks/run.sh builds it)");
		}
		List<String> command = new ArrayList<>(pinning.commandPrefix());
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(SERVER_JVM_FLAGS);
		command.addAll(extraJvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add(target.kind());
		long launched = System.nanoTime();
		this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.commands = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readReplies, "bench-" + target.kind() + "-stdout");
		reader.setDaemon(true);
		reader.start();
		try {
			String[] ready = await("READY", 120).split(" ");
			this.port = Integer.parseInt(ready[1]);
			this.uptimeAtReadyMillis = Double.parseDouble(ready[2]);
			this.processors = Integer.parseInt(ready[3]);
			// taskset execs java: the process is the server itself
			this.allowedCpus = Pinning.allowedCpus(Long.toString(this.process.pid()));
			awaitServing();
			this.startupMillis = (System.nanoTime() - launched) / 1e6;
		}
		catch (InterruptedException | RuntimeException ex) {
			// a server that never became ready does not outlive its round
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw ex;
		}
	}

	/**
	 * Ask Check("") until it answers SERVING, as a readiness probe would: health-grpc
	 * answers NOT_SERVING until its first evaluation of the health contributors.
	 */
	private void awaitServing() throws InterruptedException {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (System.nanoTime() < deadline) {
				try {
					HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
						.withDeadlineAfter(1, TimeUnit.SECONDS)
						.check(HealthCheckRequest.getDefaultInstance());
					if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
						return;
					}
				}
				catch (StatusRuntimeException ex) {
					// not yet listening
				}
				Thread.sleep(5);
			}
			throw new IllegalStateException(this.target.label() + " did not become SERVING within 60 s");
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	static ServerProcess start(Target target, Path jar, Pinning pinning, List<String> extraJvmOptions)
			throws IOException, InterruptedException {
		return new ServerProcess(target, jar, pinning, extraJvmOptions);
	}

	Target target() {
		return this.target;
	}

	int port() {
		return this.port;
	}

	/** Wall time from launching the JVM until Check("") answered SERVING. */
	double startupMillis() {
		return this.startupMillis;
	}

	double uptimeAtReadyMillis() {
		return this.uptimeAtReadyMillis;
	}

	/** The processors the server's JVM sees. */
	int processors() {
		return this.processors;
	}

	/** The CPUs the server may run on, as the kernel reports them. */
	String allowedCpus() {
		return this.allowedCpus;
	}

	/**
	 * Set a status through the target's own API.
	 * @return how long the setter took inside the server, in milliseconds
	 */
	double setServing(String service, boolean serving) throws IOException, InterruptedException {
		send("set " + service + " " + (serving ? "SERVING" : "NOT_SERVING"));
		return Long.parseLong(await("OK", 60).split(" ")[1]) / 1e6;
	}

	/**
	 * The server's process id, for reading its threads ({@link ThreadCpu}).
	 * @return the id
	 */
	long pid() {
		return this.process.pid();
	}

	long usedHeap() throws IOException, InterruptedException {
		send("heap");
		return Long.parseLong(await("HEAP", 60).split(" ")[1]);
	}

	long cpuNanos() throws IOException, InterruptedException {
		return usage().cpuNanos();
	}

	ServerUsage usage() throws IOException, InterruptedException {
		send("cpu");
		return ServerUsage.parse(await("CPU", 60));
	}

	/**
	 * Wait until the server uses almost no CPU: a JVM goes on compiling for a while after
	 * it is ready, and a server started next on the same CPU would pay for it in its
	 * startup time.
	 * @param limit the longest wait
	 * @return whether it became quiet within the limit
	 */
	boolean awaitQuiet(Duration limit) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		long before = cpuNanos();
		while (System.nanoTime() < deadline) {
			Thread.sleep(QUIET_SAMPLE.toMillis());
			long now = cpuNanos();
			if (now - before < QUIET_SAMPLE.toNanos() / 50) {
				return true;
			}
			before = now;
		}
		return false;
	}

	private void send(String command) throws IOException {
		this.commands.write(command + "\n");
		this.commands.flush();
	}

	private String await(String kind, int seconds) throws InterruptedException {
		String reply = this.replies.poll(seconds, TimeUnit.SECONDS);
		if (reply == null || !reply.startsWith(kind)) {
			throw new IllegalStateException(this.target.label() + ": expected " + kind + ", got " + reply);
		}
		return reply;
	}

	private void readReplies() {
		int errorLines = 0;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.startsWith("@@")) {
					this.replies.add(line.substring(2));
				}
				else if (line.contains("ERROR") || line.contains("Exception")) {
					// enough to see what went wrong, not a flood that hides the progress
					errorLines++;
					if (errorLines <= MAX_ERROR_LINES) {
						System.err.println("  [" + this.target.kind() + "] " + line);
					}
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		if (errorLines > MAX_ERROR_LINES) {
			System.err.printf("  [%s] ... %d more lines with ERROR or Exception%n", this.target.kind(),
					errorLines - MAX_ERROR_LINES);
		}
		this.replies.add("EXITED");
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			send("quit");
		}
		catch (IOException ex) {
			// already gone
		}
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
