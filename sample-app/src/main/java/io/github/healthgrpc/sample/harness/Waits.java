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

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something the story expects, and says how long it took; a wait that does not
 * end in time ends the story with a failure instead of hanging it.
 *
 * @author health-grpc authors
 */
public final class Waits {

	private Waits() {
	}

	public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		while (true) {
			boolean done;
			try {
				done = condition.getAsBoolean();
			}
			catch (RuntimeException ex) {
				// not yet reachable, not yet registered: ask again
				done = false;
			}
			if (done) {
				return Duration.ofNanos(System.nanoTime() - started);
			}
			if (System.nanoTime() > deadline) {
				throw new StoryFailure("gave up waiting " + timeout.toSeconds() + " s for " + what);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StoryFailure("interrupted while waiting for " + what);
			}
		}
	}

	/**
	 * The story could not go on.
	 */
	public static final class StoryFailure extends RuntimeException {

		public StoryFailure(String message) {
			super(message);
		}

	}

}
