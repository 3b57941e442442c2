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

import java.util.Collection;
import java.util.List;

import org.springframework.util.Assert;

/**
 * {@link HealthStatusUpdater} for applications without Actuator: every tracked service,
 * and the overall status, is SERVING. Readiness and shutdown still turn them NOT_SERVING
 * through the registry's gate.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class FixedHealthStatusUpdater implements HealthStatusUpdater {

	private final HealthStatusRegistry registry;

	/**
	 * Create the updater and publish the overall status.
	 * @param registry the registry to publish into
	 */
	public FixedHealthStatusUpdater(HealthStatusRegistry registry) {
		this(registry, List.of());
	}

	/**
	 * Create the updater and publish the overall status and these services' statuses.
	 * @param registry the registry to publish into
	 * @param services names to track from the start (for example configured ones no
	 * server registers)
	 */
	public FixedHealthStatusUpdater(HealthStatusRegistry registry, Collection<String> services) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		registry.setEvaluatedStatus(HealthStatusRegistry.OVERALL, ServingStatus.SERVING);
		track(services);
	}

	@Override
	public void track(Collection<String> services) {
		services.forEach((service) -> this.registry.setEvaluatedStatus(service, ServingStatus.SERVING));
	}

}
