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

package io.github.healthgrpc.consul;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.healthgrpc.client.ServiceWatch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Watches the passing instances of services with Consul blocking queries
 * ({@code /v1/health/service/<name>?passing&index&wait}) and calls back when they change:
 * an instance registered, deregistered, or whose check turned critical or passing again.
 *
 * <p>
 * Consul's catalog index, the one Spring Cloud Consul's catalog watch follows, does not
 * move when a check changes state, so without this a client learns of an instance that
 * turned critical only when something else makes it resolve again. Each watched name
 * costs one held HTTP request, no thread; an answer that does not come whole within the
 * wait plus the agent client's timeout is given up. While the agent cannot be reached
 * each watch retries with backoff (1 s, doubling, up to 30 s), from index 0, and reports
 * a change once it answers again.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ConsulHealthWatch implements ServiceWatch, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConsulHealthWatch.class);

	private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final ConsulAgentClient agent;

	private final Duration wait;

	private final ScheduledExecutorService scheduler;

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	private volatile boolean closed;

	/**
	 * Create a watch.
	 * @param agent the agent
	 * @param wait how long the agent may hold each query
	 * @param scheduler where retries and follow-ups are scheduled
	 */
	public ConsulHealthWatch(ConsulAgentClient agent, Duration wait, ScheduledExecutorService scheduler) {
		this.agent = agent;
		this.wait = wait;
		this.scheduler = scheduler;
	}

	/**
	 * Watch a service; a name already watched is left alone.
	 * @param service the service name
	 * @param onChange what to do when its passing instances change (called on an HTTP
	 * thread: keep it short)
	 */
	@Override
	public void watch(String service, Runnable onChange) {
		if (this.closed) {
			return;
		}
		Watch watch = this.watches.computeIfAbsent(service, (name) -> new Watch(name, onChange));
		if (watch.begin() && this.closed) {
			// close() ran meanwhile and may have missed this watch
			watch.cancel();
			this.watches.remove(service, watch);
		}
	}

	/**
	 * Stop watching a service.
	 * @param service the service name
	 */
	@Override
	public void unwatch(String service) {
		Watch watch = this.watches.remove(service);
		if (watch != null) {
			watch.cancel();
		}
	}

	/**
	 * Return whether a service is watched.
	 * @param service the service name
	 * @return whether it is
	 */
	public boolean isWatching(String service) {
		return this.watches.containsKey(service);
	}

	@Override
	public void close() {
		this.closed = true;
		this.watches.values().forEach(Watch::cancel);
		this.watches.clear();
	}

	/**
	 * The query loop of one service.
	 */
	private final class Watch {

		private final String service;

		private final Runnable onChange;

		private final FailureLog failures = new FailureLog(logger);

		private volatile boolean cancelled;

		private volatile CompletableFuture<Long> pending;

		private volatile ScheduledFuture<?> retry;

		// touched by one answer at a time: each query starts after the previous answered
		private Duration backoff = MIN_BACKOFF;

		// touched by one answer at a time: whether the last query failed
		private boolean recovering;

		private final AtomicBoolean begun = new AtomicBoolean();

		Watch(String service, Runnable onChange) {
			this.service = service;
			this.onChange = onChange;
		}

		/**
		 * Send the first query, once.
		 * @return whether this call sent it
		 */
		boolean begin() {
			if (!this.begun.compareAndSet(false, true)) {
				return false;
			}
			query(0);
			return true;
		}

		void query(long index) {
			if (this.cancelled || ConsulHealthWatch.this.closed) {
				return;
			}
			long started = System.nanoTime();
			CompletableFuture<Long> answer;
			try {
				answer = ConsulHealthWatch.this.agent.healthIndex(this.service, index, ConsulHealthWatch.this.wait);
			}
			catch (RuntimeException ex) {
				// a request that cannot even be sent is retried like one that failed
				answer = CompletableFuture.failedFuture(ex);
			}
			this.pending = answer;
			if (this.cancelled) {
				// cancel() ran meanwhile and may have missed this query
				answer.cancel(true);
			}
			answer.whenComplete((next, failure) -> answered(index, next, failure, started));
		}

		private void answered(long index, Long next, Throwable failure, long started) {
			if (this.cancelled || ConsulHealthWatch.this.closed) {
				return;
			}
			if (failure != null) {
				failed(failure);
				return;
			}
			this.failures.recovered("Consul health watch of '" + this.service + "' answers again");
			this.backoff = MIN_BACKOFF;
			// after a failure anything may have changed: a client that resolved during an
			// outage found nothing, and an agent that restarted has other instances
			if (this.recovering || (index != 0 && next != index)) {
				this.recovering = false;
				changed();
			}
			// an index that went backwards (the agent restarted) starts over
			long from = (next < index) ? 0 : next;
			long elapsed = System.nanoTime() - started;
			if (next == index && elapsed < MIN_BACKOFF.toNanos()) {
				// nothing changed, sooner than any wait ends: an agent that does not hold
				// queries must not make this spin
				later(() -> query(from), Duration.ofNanos(MIN_BACKOFF.toNanos() - elapsed));
			}
			else {
				query(from);
			}
		}

		private void changed() {
			try {
				this.onChange.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Reacting to a change of '" + this.service + "' in Consul failed", ex);
			}
		}

		private void failed(Throwable failure) {
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			if (cause instanceof CancellationException) {
				return;
			}
			this.failures.failed("Consul health watch of '" + this.service + "' at "
					+ ConsulHealthWatch.this.agent.base() + " failed (" + describe(cause)
					+ "); retrying with backoff up to " + MAX_BACKOFF.toSeconds() + " s");
			this.recovering = true;
			// from index 0, answered at once: an agent that restarted meanwhile has a
			// lower
			// index, and asking with the old one would be held for a whole wait first
			later(() -> query(0), this.backoff);
			Duration doubled = this.backoff.multipliedBy(2);
			this.backoff = (doubled.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : doubled;
		}

		private void later(Runnable action, Duration delay) {
			try {
				this.retry = ConsulHealthWatch.this.scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
				if (this.cancelled) {
					// cancel() ran meanwhile and may have missed it
					this.retry.cancel(false);
				}
			}
			catch (RejectedExecutionException ex) {
				// shutting down
			}
		}

		void cancel() {
			this.cancelled = true;
			CompletableFuture<Long> current = this.pending;
			if (current != null) {
				current.cancel(true);
			}
			ScheduledFuture<?> scheduled = this.retry;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

		private String describe(Throwable cause) {
			if (cause instanceof TimeoutException) {
				return "no complete answer within "
						+ ConsulHealthWatch.this.agent.answerBound(ConsulHealthWatch.this.wait).toMillis() + " ms";
			}
			return (cause instanceof ConsulAgentException) ? cause.getMessage() : cause.getClass().getSimpleName()
					+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		}

	}

}
