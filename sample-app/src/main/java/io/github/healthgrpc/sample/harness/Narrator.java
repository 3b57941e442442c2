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

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells the story: one line per event, with the time since the story began, and a
 * transcript for tests.
 *
 * @author health-grpc authors
 */
public final class Narrator {

	private final long started = System.nanoTime();

	private final PrintStream out;

	private final List<String> transcript = new CopyOnWriteArrayList<>();

	public Narrator(PrintStream out) {
		this.out = out;
	}

	public void chapter(String title) {
		this.transcript.add("== " + title);
		this.out.println();
		this.out.println("== " + title);
	}

	public void say(String text) {
		this.transcript.add(text);
		double seconds = (System.nanoTime() - this.started) / 1e9;
		this.out.println(String.format(Locale.ROOT, "[%5.1f s] %s", seconds, text));
	}

	public List<String> transcript() {
		return List.copyOf(this.transcript);
	}

	public static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
