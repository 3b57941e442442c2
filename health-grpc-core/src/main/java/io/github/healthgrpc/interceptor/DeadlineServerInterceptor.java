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

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Enforces server-side deadlines: gives calls without a deadline the method's default,
 * shortens deadlines longer than its maximum, and rejects calls that arrive with less
 * than a minimum left, with DEADLINE_EXCEEDED and without running the handler.
 *
 * <p>
 * The handler runs in a gRPC {@link Context} that carries the deadline, so the calls it
 * makes inherit it (A to B to C) and it sees the cancellation when the deadline passes.
 * If the handler overruns a deadline that this interceptor set, the client gets
 * DEADLINE_EXCEEDED at once (never INTERNAL), whatever the handler sends later is
 * dropped, and the handler sees what it sees when a client's deadline passes: its
 * {@code Context} cancelled, {@code isCancelled()} true, {@code onCancel} (its cancel
 * handler runs; without one, sending throws CANCELLED). Sends and closes are serialized
 * ({@link DeadlineServerCall}), since the deadline fires on the timer thread.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class DeadlineServerInterceptor implements ServerInterceptor {

	private final DeadlinePolicies policies;

	private final long minTimeRemainingNanos;

	private final ScheduledExecutorService scheduler;

	private final Deadline.Ticker ticker;

	private final InterceptorEventListener events;

	private final boolean ownsScheduler;

	/**
	 * Create the interceptor with its own timer thread, released by {@link #close()}.
	 * @param policies the deadline policy of each method
	 * @param minTimeRemaining calls that arrive with less time left are rejected
	 * @param events hears rejections and overruns
	 * @return the interceptor
	 */
	public static DeadlineServerInterceptor withOwnScheduler(DeadlinePolicies policies, Duration minTimeRemaining,
			InterceptorEventListener events) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "health-grpc-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		// a call that ends in time cancels its timer: drop it now, not when it would
		// have fired (at 20k calls/s and 30 s, 600k dead tasks)
		scheduler.setRemoveOnCancelPolicy(true);
		return new DeadlineServerInterceptor(policies, minTimeRemaining, scheduler, events, Deadline.getSystemTicker(),
				true);
	}

	/**
	 * Create the interceptor.
	 * @param policies the deadline policy of each method
	 * @param minTimeRemaining calls that arrive with less time left are rejected
	 * @param scheduler runs the deadline timers; a {@link ScheduledThreadPoolExecutor}
	 * should remove cancelled tasks ({@code setRemoveOnCancelPolicy(true)}), or every
	 * call's timer stays queued until it would have fired
	 * @param events hears rejections and overruns
	 */
	public DeadlineServerInterceptor(DeadlinePolicies policies, Duration minTimeRemaining,
			ScheduledExecutorService scheduler, InterceptorEventListener events) {
		this(policies, minTimeRemaining, scheduler, events, Deadline.getSystemTicker(), false);
	}

	DeadlineServerInterceptor(DeadlinePolicies policies, Duration minTimeRemaining, ScheduledExecutorService scheduler,
			InterceptorEventListener events, Deadline.Ticker ticker, boolean ownsScheduler) {
		this.ownsScheduler = ownsScheduler;
		this.policies = policies;
		this.minTimeRemainingNanos = minTimeRemaining.toNanos();
		this.scheduler = scheduler;
		this.events = events;
		this.ticker = ticker;
	}

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		String method = call.getMethodDescriptor().getFullMethodName();
		Deadline incoming = Context.current().getDeadline();
		if (incoming != null && (incoming.isExpired()
				|| incoming.timeRemaining(TimeUnit.NANOSECONDS) < this.minTimeRemainingNanos)) {
			this.events.deadlineRejected(method);
			call.close(Status.DEADLINE_EXCEEDED.withDescription(
					"Deadline too short: " + incoming.timeRemaining(TimeUnit.MILLISECONDS) + " ms left on arrival"),
					new Metadata());
			return new ServerCall.Listener<>() {
			};
		}
		Deadline imposed = imposedDeadline(this.policies.forMethod(call.getMethodDescriptor()), incoming);
		if (imposed == null) {
			return next.startCall(call, headers);
		}
		DeadlineServerCall<ReqT, RespT> guarded = new DeadlineServerCall<>(call);
		Context.CancellableContext context = Context.current().withDeadline(imposed, this.scheduler);
		ServerCall.Listener<ReqT> listener = new DeadlineListener<>(
				Contexts.interceptCall(context, guarded, headers, next), guarded, context);
		// added once the handler's listener exists: a passed deadline runs it at once
		long timeoutMillis = imposed.timeRemaining(TimeUnit.MILLISECONDS);
		context.addListener((cancelled) -> {
			if (cancelled.cancellationCause() instanceof TimeoutException) {
				guarded.overrun(
						Status.DEADLINE_EXCEEDED
							.withDescription("Server deadline of " + timeoutMillis + " ms exceeded"),
						() -> this.events.deadlineExceeded(method));
			}
		}, MoreExecutors.directExecutor());
		return listener;
	}

	int pendingTimers() {
		return (this.scheduler instanceof java.util.concurrent.ScheduledThreadPoolExecutor pool)
				? pool.getQueue().size() : -1;
	}

	/**
	 * Release the timer thread if this interceptor created it.
	 */
	public void close() {
		if (this.ownsScheduler) {
			this.scheduler.shutdownNow();
		}
	}

	/**
	 * Return the deadline to impose, or {@code null} if the incoming one (or none)
	 * stands.
	 */
	private Deadline imposedDeadline(DeadlinePolicy policy, Deadline incoming) {
		if (policy.isNone()) {
			return null;
		}
		Deadline deadline = incoming;
		if (deadline == null && policy.defaultTimeout() != null) {
			deadline = Deadline.after(policy.defaultTimeout().toNanos(), TimeUnit.NANOSECONDS, this.ticker);
		}
		if (policy.maxTimeout() != null) {
			Deadline max = Deadline.after(policy.maxTimeout().toNanos(), TimeUnit.NANOSECONDS, this.ticker);
			if (deadline == null || max.isBefore(deadline)) {
				deadline = max;
			}
		}
		return (deadline != incoming) ? deadline : null;
	}

}
