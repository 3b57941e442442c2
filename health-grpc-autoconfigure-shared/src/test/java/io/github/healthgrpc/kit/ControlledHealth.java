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
package io.github.healthgrpc.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Health that tests set, read by each line's health indicators ({@code db},
 * {@code cache}); the state {@code hang} makes an indicator block until released.
 *
 * @author health-grpc authors
 */
public class ControlledHealth {

	private final Map<String, String> states = new ConcurrentHashMap<>();

	private volatile CountDownLatch release = new CountDownLatch(0);

	/**
	 * Set an indicator's status code, or {@code hang}.
	 * @param name the indicator
	 * @param state a status code or {@code hang}
	 */
	public void set(String name, String state) {
		if ("hang".equals(state)) {
			this.release = new CountDownLatch(1);
		}
		this.states.put(name, state);
	}

	/**
	 * Every indicator UP again, hanging ones released.
	 */
	public void reset() {
		this.states.clear();
		this.release.countDown();
	}

	/**
	 * Return an indicator's status code, blocking while it hangs.
	 * @param name the indicator
	 * @return its status code
	 */
	public String status(String name) {
		String state = this.states.getOrDefault(name, "UP");
		if ("hang".equals(state)) {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "UP";
		}
		return state;
	}

}
