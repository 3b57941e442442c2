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

package io.github.healthgrpc.client.downstream;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.healthgrpc.client.downstream.DownstreamAnswer.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import org.springframework.lang.Nullable;

/**
 * One downstream's checks and its latest answer. At most one check is under way at a
 * time; an answer older than {@code staleAfter} is reported UNKNOWN.
 *
 * <p>
 * Thread-safe: {@link #check()} runs on the scheduler, answers arrive on gRPC's threads,
 * and {@link #latest()} runs on whatever thread reads the health.
 *
 * @author health-grpc authors
 */
final class DownstreamCheck {

	private final DownstreamTarget target;

	private final Duration staleAfter;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final AtomicBoolean underWay = new AtomicBoolean();

	private final AtomicReference<Answered> latest;

	DownstreamCheck(DownstreamTarget target, Duration staleAfter, Clock clock, LongSupplier nanoTime) {
		this.target = target;
		this.staleAfter = staleAfter;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.latest = new AtomicReference<>(
				new Answered(answer(Status.UNKNOWN, Map.of("reason", "not asked yet")), null));
	}

	DownstreamAnswer latest() {
		Answered answered = this.latest.get();
		if (answered.at() != null && this.nanoTime.getAsLong() - answered.at() > this.staleAfter.toNanos()) {
			// the checks stopped, or one hangs past its deadline: the answer says
			// nothing of now
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("reason", "no answer for more than " + this.staleAfter.toMillis() + " ms");
			details.put("lastStatus", answered.answer().status().name());
			details.put("lastCheckedAt", answered.answer().details().get("checkedAt"));
			return answer(Status.UNKNOWN, details);
		}
		return answered.answer();
	}

	/**
	 * Ask the downstream, unless the last ask has not ended; never throws but what
	 * recording a failure throws.
	 */
	void check() {
		if (!this.underWay.compareAndSet(false, true)) {
			// the previous check has not ended: its deadline will end it
			return;
		}
		long started = this.nanoTime.getAsLong();
		try {
			Futures.addCallback(
					HealthGrpc.newFutureStub(this.target.channel().get())
						.withDeadlineAfter(this.target.timeout().toMillis(), TimeUnit.MILLISECONDS)
						.check(HealthCheckRequest.newBuilder().setService(this.target.service()).build()),
					new FutureCallback<HealthCheckResponse>() {

						@Override
						public void onSuccess(HealthCheckResponse response) {
							answered(status(response.getStatus()), "status", response.getStatus().name(), started);
						}

						@Override
						public void onFailure(Throwable failure) {
							failed(failure, started);
						}

					}, MoreExecutors.directExecutor());
		}
		catch (Throwable ex) {
			// no channel, or anything else, a VirtualMachineError too: a DOWN like any
			// failed call, and the next period asks again
			failed(ex, started);
		}
	}

	private void failed(Throwable failure, long started) {
		// the code and nothing else: a description may carry addresses
		answered(Status.DOWN, "error", io.grpc.Status.fromThrowable(failure).getCode().name(), started);
	}

	private void answered(Status status, String key, String value, long started) {
		try {
			long now = this.nanoTime.getAsLong();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put(key, value);
			details.put("service", this.target.service());
			details.put("checkedAt", this.clock.instant().toString());
			details.put("durationMs", TimeUnit.NANOSECONDS.toMillis(now - started));
			this.latest.set(new Answered(new DownstreamAnswer(status, details), now));
		}
		finally {
			// whatever happened, the next period may ask again
			this.underWay.set(false);
		}
	}

	private DownstreamAnswer answer(Status status, Map<String, Object> details) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("service", this.target.service());
		all.putAll(details);
		return new DownstreamAnswer(status, all);
	}

	private static Status status(HealthCheckResponse.ServingStatus status) {
		return switch (status) {
			case SERVING -> Status.UP;
			case NOT_SERVING, SERVICE_UNKNOWN -> Status.DOWN;
			default -> Status.UNKNOWN;
		};
	}

	/**
	 * An answer and when it came.
	 *
	 * @param answer what it answered
	 * @param at when it came ({@link System#nanoTime()}), {@code null} before the first
	 */
	private record Answered(DownstreamAnswer answer, @Nullable Long at) {

	}

}
