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

package io.github.healthgrpc.sample.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.healthgrpc.sample.harness.Waits.StoryFailure;

/**
 * One Greeter server in a JVM of its own; its output goes to a log file.
 *
 * @author health-grpc authors
 */
final class GreeterProcess {

	// what net.devh's and Spring Boot's gRPC servers both log once they listen
	private static final Pattern STARTED = Pattern
		.compile("gRPC Server started, listening on address: .*, port: (\\d+)");

	private final String name;

	private final Process process;

	private final Path log;

	private GreeterProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static GreeterProcess start(String name, List<String> command, Path logDirectory) {
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
	 * The port its gRPC server bound, once its log says so.
	 */
	OptionalInt boundPort() {
		try {
			Matcher matcher = STARTED.matcher(Files.readString(this.log, StandardCharsets.UTF_8));
			return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
				throw new StoryFailure("greeter " + this.name + " did not stop within " + timeout.toSeconds()
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

}
