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

package io.github.healthgrpc.health.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Evaluates every top-level Actuator health contributor once, in parallel, with a timeout
 * each.
 *
 * <p>
 * A contributor that throws is DOWN. One that does not answer within the timeout is DOWN
 * too, and while it is still running it is not started again: each hanging contributor
 * holds at most one evaluation thread. Composite contributors are evaluated as one unit,
 * their children aggregated (by the {@link HealthContributorSource} of the Spring Boot
 * line).
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ContributorEvaluator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ContributorEvaluator.class);

	private final HealthContributorSource contributors;

	private final Duration timeout;

	private final Executor executor;

	private final boolean ownsExecutor;

	// evaluations in flight, shared by overlapping evaluate() calls
	private final Map<String, CompletableFuture<String>> running = new ConcurrentHashMap<>();

	/**
	 * Create an evaluator that runs contributors on its own daemon threads (idle ones end
	 * after a minute).
	 * @param contributors the contributors, usually Actuator's
	 * {@code HealthContributorRegistry}
	 * @param timeout how long one contributor may take
	 */
	public ContributorEvaluator(HealthContributorSource contributors, Duration timeout) {
		this(contributors, timeout, Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "health-grpc-contributor");
			thread.setDaemon(true);
			return thread;
		}), true);
	}

	/**
	 * Create an evaluator.
	 * @param contributors the contributors, usually Actuator's
	 * {@code HealthContributorRegistry}
	 * @param timeout how long one contributor may take
	 * @param executor where contributors run
	 */
	public ContributorEvaluator(HealthContributorSource contributors, Duration timeout, Executor executor) {
		this(contributors, timeout, executor, false);
	}

	private ContributorEvaluator(HealthContributorSource contributors, Duration timeout, Executor executor,
			boolean ownsExecutor) {
		Assert.isTrue((!timeout.isNegative() && !timeout.isZero()), "'timeout' must be positive");
		this.contributors = contributors;
		this.timeout = timeout;
		this.executor = executor;
		this.ownsExecutor = ownsExecutor;
	}

	/**
	 * Release the evaluation threads if this evaluator created them: contributors still
	 * running are interrupted.
	 */
	@Override
	public void close() {
		if (this.ownsExecutor) {
			((ExecutorService) this.executor).shutdownNow();
		}
	}

	/**
	 * Evaluate every contributor.
	 * @return contributor name to status code, in registry order
	 */
	public Map<String, String> evaluate() {
		Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
		for (ContributorCheck contributor : this.contributors) {
			pending.put(contributor.name(), start(contributor));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<String, String> result = new LinkedHashMap<>();
		pending.forEach((name, future) -> result.put(name, await(name, future, deadline)));
		return result;
	}

	private CompletableFuture<String> start(ContributorCheck contributor) {
		String name = contributor.name();
		CompletableFuture<String> created = new CompletableFuture<>();
		CompletableFuture<String> inFlight = this.running.putIfAbsent(name, created);
		if (inFlight != null) {
			// still running since an earlier or overlapping evaluation: wait for that
			// one, start no second
			return inFlight;
		}
		try {
			this.executor.execute(() -> {
				String status;
				try {
					status = contributor.status().call();
					if (status == null) {
						throw new IllegalStateException("no status");
					}
				}
				catch (Throwable ex) {
					this.running.remove(name, created);
					created.completeExceptionally(ex);
					return;
				}
				// forget the run before anyone hears its result: an evaluation that
				// starts after must run anew
				this.running.remove(name, created);
				created.complete(status);
			});
		}
		catch (RuntimeException ex) {
			this.running.remove(name, created);
			created.completeExceptionally(ex);
		}
		return created;
	}

	private String await(String name, CompletableFuture<String> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("Health contributor '" + name + "' did not answer within " + this.timeout.toMillis()
					+ " ms (health-grpc.health.schedule.contributor-timeout); counting it DOWN");
			return HealthStatusCodes.DOWN;
		}
		catch (ExecutionException ex) {
			logger.warn("Health contributor '" + name + "' failed; counting it DOWN: " + ex.getCause());
			return HealthStatusCodes.DOWN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return HealthStatusCodes.DOWN;
		}
	}

}
