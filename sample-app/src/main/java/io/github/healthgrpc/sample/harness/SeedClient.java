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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seed's Python client ({@code seed/seed_client.py}), run with a python3 that has
 * grpcio and grpc_tools, when this machine has one.
 *
 * @author health-grpc authors
 */
public final class SeedClient {

	private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

	private final String python;

	private SeedClient(String python) {
		this.python = python;
	}

	/**
	 * Return a client, or {@code null} when no python3 here has grpcio and grpc_tools.
	 */
	public static SeedClient find() {
		for (String python : PYTHONS) {
			try {
				Process probe = new ProcessBuilder(python, "-c", "import grpc, grpc_tools").redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				if (!probe.waitFor(30, TimeUnit.SECONDS)) {
					probe.destroyForcibly();
				}
				else if (probe.exitValue() == 0) {
					return new SeedClient(python);
				}
			}
			catch (IOException ex) {
				// not installed: try the next one
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	/**
	 * Ask {@code /Health/check} as the seed did.
	 * @return what the client printed
	 */
	public String check(String target, String service) {
		try {
			Path directory = Files.createTempDirectory("seed-client");
			Path script = copy("seed_client.py", directory);
			copy("health.proto", directory);
			// to a file: a client that hangs must not hold a read of its output
			Path printed = directory.resolve("output.txt");
			Process process = new ProcessBuilder(this.python, script.toString(), target, service)
				.redirectErrorStream(true)
				.redirectOutput(printed.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new Waits.StoryFailure("the seed's Python client did not finish within 60 s");
			}
			String output = Files.readString(printed, StandardCharsets.UTF_8).strip();
			if (process.exitValue() != 0) {
				throw new Waits.StoryFailure("the seed's Python client failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Waits.StoryFailure("interrupted");
		}
	}

	private static Path copy(String name, Path directory) throws IOException {
		try (InputStream in = SeedClient.class.getResourceAsStream("/seed/" + name)) {
			if (in == null) {
				throw new IOException("seed/" + name + " is not on the class path");
			}
			Path target = directory.resolve(name);
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
	}

}
