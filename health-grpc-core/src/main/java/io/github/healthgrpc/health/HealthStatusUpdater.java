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
import java.util.function.BooleanSupplier;

/**
 * Publishes evaluated statuses into a {@link HealthStatusRegistry} for the overall status
 * ({@code ""}) and for every service it is asked to track.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface HealthStatusUpdater {

	/**
	 * Start publishing a status for these services too (for example every service the
	 * gRPC server registered). Tracking a name twice has no further effect.
	 * @param services the service names
	 */
	void track(Collection<String> services);

	/**
	 * Evaluate again soon rather than at the next scheduled round, once {@code settled}
	 * holds: for example after the application's availability changed, which Actuator's
	 * {@code readinessState} and {@code livenessState} contributors report. An updater
	 * without evaluations ignores it.
	 * @param settled whether what the evaluation must see is in place; asked on the
	 * evaluating thread, and no longer after about a second
	 */
	default void evaluateSoon(BooleanSupplier settled) {
	}

}
