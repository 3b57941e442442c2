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

package io.github.healthgrpc.interceptor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in the order they were given, without a lock and without a
 * thread of its own: a task given while none runs runs at once on the giving thread; one
 * given while another runs is run by that other thread right after. The giver never
 * blocks.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class SerializingExecutor implements Executor {

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	// tasks given and not yet run; the giver that moves it off zero runs them all
	private final AtomicInteger pending = new AtomicInteger();

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		if (this.pending.getAndIncrement() != 0) {
			return;
		}
		Throwable failure = null;
		do {
			try {
				this.tasks.remove().run();
			}
			catch (Throwable ex) {
				// the others still run; the first failure goes back to the giver
				if (failure == null) {
					failure = ex;
				}
			}
		}
		while (this.pending.decrementAndGet() != 0);
		if (failure != null) {
			throw SerializingExecutor.<RuntimeException>rethrow(failure);
		}
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E rethrow(Throwable exception) throws E {
		throw (E) exception;
	}

}
