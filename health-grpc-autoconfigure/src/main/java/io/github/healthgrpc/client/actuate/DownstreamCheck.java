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

package io.github.healthgrpc.client.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.healthgrpc.client.actuate.DownstreamHealth.Target;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import org.springframework.boot.actuate.health.Health;

/**
 * One downstream's checks and its latest answer. At most one check is under way at a
 * time; an answer older than {@code staleAfter} is reported UNKNOWN.
 *
 * <p>
 * Thread-safe: {@link #check()} runs on the scheduler, answers arrive on gRPC's threads,
 * and {@link #latest()} runs on whatever thread reads Actuator health.
 *
 * @author health-grpc authors
 */
final class DownstreamCheck {

	private final Target target;

	private final Duration staleAfter;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final AtomicBoolean underWay = new AtomicBoolean();

	private final AtomicReference<Answer> latest;

	DownstreamCheck(Target target, Duration staleAfter, Clock clock, LongSupplier nanoTime) {
		this.target = target;
		this.staleAfter = staleAfter;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.latest = new AtomicReference<>(new Answer(
				Health.unknown().withDetail("service", target.service()).withDetail("reason", "not asked yet").build(),
				null));
	}

	Health latest() {
		Answer answer = this.latest.get();
		if (answer.at() != null && this.nanoTime.getAsLong() - answer.at() > this.staleAfter.toNanos()) {
			// the checks stopped, or one hangs past its deadline: the answer says
			// nothing of now
			return Health.unknown()
				.withDetail("service", this.target.service())
				.withDetail("reason", "no answer for more than " + this.staleAfter.toMillis() + " ms")
				.withDetail("lastStatus", answer.health().getStatus().getCode())
				.withDetail("lastCheckedAt", answer.health().getDetails().get("checkedAt"))
				.build();
		}
		return answer.health();
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
							answered(health(response.getStatus()), started);
						}

						@Override
						public void onFailure(Throwable failure) {
							answered(failed(Status.fromThrowable(failure)), started);
						}

					}, MoreExecutors.directExecutor());
		}
		catch (Throwable ex) {
			// no channel, or anything else, a VirtualMachineError too: a DOWN like any
			// failed call, and the next period asks again
			answered(failed(Status.fromThrowable(ex)), started);
		}
	}

	private void answered(Health.Builder health, long started) {
		try {
			long now = this.nanoTime.getAsLong();
			this.latest.set(new Answer(health.withDetail("service", this.target.service())
				.withDetail("checkedAt", this.clock.instant().toString())
				.withDetail("durationMs", TimeUnit.NANOSECONDS.toMillis(now - started))
				.build(), now));
		}
		finally {
			// whatever happened, the next period may ask again
			this.underWay.set(false);
		}
	}

	private static Health.Builder health(HealthCheckResponse.ServingStatus status) {
		Health.Builder health = switch (status) {
			case SERVING -> Health.up();
			case NOT_SERVING, SERVICE_UNKNOWN -> Health.down();
			default -> Health.unknown();
		};
		return health.withDetail("status", status.name());
	}

	private static Health.Builder failed(Status status) {
		// the code and nothing else: a description may carry addresses
		return Health.down().withDetail("error", status.getCode().name());
	}

	/**
	 * An answer and when it came.
	 *
	 * @param health what the indicator reports
	 * @param at when it came ({@link System#nanoTime()}), {@code null} before the first
	 */
	private record Answer(Health health, Long at) {

	}

}
