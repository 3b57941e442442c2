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

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.actuate.ActuatorHealthStatusUpdater;
import io.github.healthgrpc.health.actuate.ContributorCheck;
import io.github.healthgrpc.health.actuate.ContributorEvaluator;
import io.github.healthgrpc.health.actuate.HealthContributorSource;
import io.github.healthgrpc.health.actuate.HealthGroups;
import io.github.healthgrpc.health.actuate.ServingStatusMapper;
import io.github.healthgrpc.health.actuate.StatusCodeAggregator;

/**
 * Builds the updater that evaluates Actuator's contributors on a schedule, from what a
 * Spring Boot line's Actuator binding adapts: its contributors, its health groups and its
 * default aggregation. Written once for both lines.
 *
 * @author health-grpc authors
 */
final class ActuatorHealthBinding {

	private ActuatorHealthBinding() {
	}

	static ActuatorHealthStatusUpdater updater(HealthStatusRegistry registry, HealthGrpcHealthProperties properties,
			ServingStatusMapper mapper, HealthContributorSource contributors, HealthGroups groups,
			StatusCodeAggregator defaultAggregator) {
		Set<String> names = new LinkedHashSet<>();
		for (ContributorCheck contributor : contributors) {
			names.add(contributor.name());
		}
		ServiceHealthBindings bindings = new ServiceHealthBindings(properties, names, groups, defaultAggregator);
		ContributorEvaluator evaluator = new ContributorEvaluator(contributors.filtered(bindings::uses),
				properties.getSchedule().getContributorTimeout());
		return new ActuatorHealthStatusUpdater(registry, evaluator, bindings, mapper,
				properties.getSchedule().getPeriod(), properties.getServices().keySet());
	}

}
