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

import org.springframework.util.Assert;

/**
 * Limits of the Health service.
 *
 * @param listEnabled whether List is served (otherwise it answers UNIMPLEMENTED)
 * @param maxListedServices most statuses List returns before it answers
 * RESOURCE_EXHAUSTED
 * @param maxWatchStreams most concurrent Watch streams before new ones get
 * RESOURCE_EXHAUSTED
 * @author health-grpc authors
 * @since 0.1.0
 */
public record HealthServiceLimits(boolean listEnabled, int maxListedServices, int maxWatchStreams) {

	/**
	 * Defaults: List on, at most 100 listed services (gRFC A90), at most 10,000 Watch
	 * streams.
	 */
	public static final HealthServiceLimits DEFAULTS = new HealthServiceLimits(true, 100, 10_000);

	/**
	 * Check the limits.
	 * @param listEnabled whether List is served
	 * @param maxListedServices most statuses List returns
	 * @param maxWatchStreams most concurrent Watch streams
	 */
	public HealthServiceLimits {
		Assert.isTrue(maxListedServices > 0, "'maxListedServices' must be positive");
		Assert.isTrue(maxWatchStreams > 0, "'maxWatchStreams' must be positive");
	}

}
