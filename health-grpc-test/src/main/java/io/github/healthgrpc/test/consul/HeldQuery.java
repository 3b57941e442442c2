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

package io.github.healthgrpc.test.consul;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A blocking query waiting in {@link AgentState} for its index to move (or its content to
 * change), or for its wait to end: whichever comes first answers it, once.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class HeldQuery {

	private final Predicate<AgentState> ready;

	private final Runnable answer;

	private final AtomicBoolean done = new AtomicBoolean();

	private volatile ScheduledFuture<?> timeout;

	/**
	 * @param ready whether it can be answered (called with the state's lock held)
	 * @param answer what answers it; must only hand work over
	 */
	HeldQuery(Predicate<AgentState> ready, Runnable answer) {
		this.ready = ready;
		this.answer = answer;
	}

	boolean isReady(AgentState state) {
		return this.ready.test(state);
	}

	void timeout(ScheduledFuture<?> timeout) {
		this.timeout = timeout;
		if (this.done.get()) {
			timeout.cancel(false);
		}
	}

	/**
	 * Answer it, if nothing did yet.
	 * @return {@code true}, so that it leaves the list of held queries either way
	 */
	boolean wake() {
		if (finish()) {
			this.answer.run();
		}
		return true;
	}

	/**
	 * End it without an answer (its client left).
	 */
	void drop() {
		finish();
	}

	private boolean finish() {
		if (!this.done.compareAndSet(false, true)) {
			return false;
		}
		ScheduledFuture<?> pending = this.timeout;
		if (pending != null) {
			pending.cancel(false);
		}
		return true;
	}

}
