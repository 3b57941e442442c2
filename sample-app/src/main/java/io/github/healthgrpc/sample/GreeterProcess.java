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

package io.github.healthgrpc.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.sample.server.SampleHealthGrpcApplication;

/**
 * One Greeter server in a JVM of its own, started with the story's class path; its output
 * goes to a log file.
 *
 * @author health-grpc authors
 */
final class GreeterProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private GreeterProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static GreeterProcess start(String name, int weight, String consulHost, int consulPort, Path logDirectory) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), SampleHealthGrpcApplication.class.getName()));
		command.addAll(List.of("--sample.instance=" + name, "--sample.weight=" + weight, "--sample.demo.enabled=false",
				"--grpc.server.port=0",
				// loopback only: what gets registered is what Consul checks
				"--grpc.server.address=127.0.0.1", "--spring.cloud.consul.enabled=true",
				"--spring.cloud.consul.host=" + consulHost, "--spring.cloud.consul.port=" + consulPort));
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return new GreeterProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Ask it to stop, as Kubernetes or Ctrl-C would (SIGTERM): it drains and deregisters.
	 */
	void terminate() {
		this.process.destroy();
	}

	/**
	 * Wait for it to end, and kill it when it does not in time.
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
				throw new Waits.StoryFailure("greeter " + this.name + " did not stop within " + timeout.toSeconds()
						+ " s; it was killed (log: " + this.log + ")");
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
			return -1;
		}
	}

	/**
	 * Kill it if it still runs: the story's last resort, never its plan.
	 */
	void kill() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}
