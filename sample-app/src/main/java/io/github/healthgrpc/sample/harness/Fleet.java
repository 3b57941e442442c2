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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.healthgrpc.sample.harness.Waits.StoryFailure;

/**
 * The Greeter processes the story started, and their clean-up: safe to call from the
 * shutdown hook at any moment, after which nothing starts any more. Thread-safe.
 *
 * @author health-grpc authors
 */
public final class Fleet {

	private final Path logs;

	// guarded by this
	private final Map<String, Greeter> greeters = new LinkedHashMap<>();

	// guarded by this
	private boolean closed;

	public Fleet(Path logs) {
		this.logs = logs;
	}

	/**
	 * Start a Greeter in a JVM of its own.
	 * @return the started greeter
	 */
	public synchronized Greeter start(String name, Line line, int weight, ConsulAgent consul) {
		if (this.closed) {
			throw new StoryFailure("stopped");
		}
		Greeter greeter = Greeter.start(name, line, weight, consul.host(), consul.port(), this.logs);
		this.greeters.put(name, greeter);
		return greeter;
	}

	public synchronized List<Greeter> greeters() {
		return List.copyOf(this.greeters.values());
	}

	public Path logs() {
		return this.logs;
	}

	/**
	 * Stop every greeter that still runs, and wait for each.
	 * @param problems told what did not end well
	 */
	public void close(Consumer<String> problems) {
		List<Greeter> running;
		synchronized (this) {
			this.closed = true;
			running = new ArrayList<>(this.greeters.values());
		}
		running.forEach(Greeter::terminate);
		for (Greeter greeter : running) {
			try {
				greeter.awaitExit(Duration.ofSeconds(30));
			}
			catch (StoryFailure ex) {
				problems.accept(ex.getMessage());
			}
		}
	}

}
