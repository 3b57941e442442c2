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

package io.github.healthgrpc.autoconfigure.health;

import io.github.healthgrpc.health.HealthStatusUpdater;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.context.ApplicationListener;
import org.springframework.lang.Nullable;

/**
 * Has the contributors evaluated again when the application's availability changes,
 * rather than at the next scheduled round.
 *
 * <p>
 * Actuator's {@code readinessState} and {@code livenessState} contributors (on by default
 * on Spring Boot 4.1, and on Kubernetes on 3.5) report the availability at the time they
 * are asked. The first round runs while the context still refreshes, when readiness is
 * still {@code REFUSING_TRAFFIC}: without this, an application stayed NOT_SERVING for up
 * to one period ({@code health-grpc.health.schedule.period}, 5 s) after it was ready. The
 * evaluation waits until {@link ApplicationAvailability} shows the new state: it is an
 * event listener too, and may hear of the change after this one.
 *
 * @author health-grpc authors
 */
class AvailabilityReevaluation implements ApplicationListener<AvailabilityChangeEvent<?>> {

	private final HealthStatusUpdater updater;

	@Nullable
	private final ApplicationAvailability availability;

	AvailabilityReevaluation(HealthStatusUpdater updater, @Nullable ApplicationAvailability availability) {
		this.updater = updater;
		this.availability = availability;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		AvailabilityState state = event.getState();
		ApplicationAvailability current = this.availability;
		this.updater.evaluateSoon(() -> current == null || current.getState(state.getClass()) == state);
	}

	@Override
	public boolean supportsAsyncExecution() {
		// nothing here blocks: the evaluation runs on the updater's thread
		return true;
	}

}
