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

package io.github.healthgrpc.health.grpc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns, at most once a minute, that Watch streams were refused because the maximum was
 * reached, with how many since the last warning: a flood of refusals costs one log line a
 * minute, not one per call.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class RefusedWatchWarning {

	private static final Log logger = LogFactory.getLog(HealthGrpcService.class);

	static final Duration INTERVAL = Duration.ofMinutes(1);

	private final LongSupplier nanoClock;

	private final AtomicLong refusedSinceWarning = new AtomicLong();

	private final AtomicLong nextWarning;

	RefusedWatchWarning(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.nextWarning = new AtomicLong(nanoClock.getAsLong());
	}

	void refused(int maxStreams) {
		this.refusedSinceWarning.incrementAndGet();
		long now = this.nanoClock.getAsLong();
		long next = this.nextWarning.get();
		// one caller wins the slot; the others are counted in the next warning
		if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + INTERVAL.toNanos())) {
			logger.warn("Refused " + this.refusedSinceWarning.getAndSet(0) + " gRPC health Watch stream(s) with "
					+ "RESOURCE_EXHAUSTED since the last warning: " + maxStreams
					+ " streams are open, the maximum (health-grpc.health.watch.max-streams)");
		}
	}

}
