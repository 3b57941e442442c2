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

package io.github.healthgrpc.health;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For tests that give a {@link HealthStatusRegistry} a single-thread executor as its
 * notifier.
 *
 * @author health-grpc authors
 */
public final class NotifierThread {

	private NotifierThread() {
	}

	/**
	 * Wait until every change made so far has reached the listeners registered then: the
	 * notifier is one thread that runs its tasks in order, and one task tells every
	 * change queued before it, so once a task submitted now has run, none is left to
	 * reach a listener added next.
	 * @param notifier the registry's single-thread notifier
	 * @throws Exception if it does not get there within 5 s
	 */
	public static void awaitDelivered(ExecutorService notifier) throws Exception {
		notifier.submit(() -> {
		}).get(5, TimeUnit.SECONDS);
	}

}
