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

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Which Actuator contributors decide one gRPC service's status, and how their statuses
 * are aggregated.
 *
 * @param members whether a contributor (by its top-level name) counts for the service
 * @param aggregator how member statuses combine
 * @author health-grpc authors
 * @since 0.1.0
 */
public record ServiceHealthBinding(Predicate<String> members, StatusCodeAggregator aggregator) {

	/**
	 * Check the binding.
	 * @param members whether a contributor counts for the service
	 * @param aggregator how member statuses combine
	 */
	public ServiceHealthBinding {
		Assert.notNull(members, "'members' must not be null");
		Assert.notNull(aggregator, "'aggregator' must not be null");
	}

	/**
	 * Return a binding to every contributor.
	 * @param aggregator how statuses combine
	 * @return the binding
	 */
	public static ServiceHealthBinding all(StatusCodeAggregator aggregator) {
		return new ServiceHealthBinding((name) -> true, aggregator);
	}

	/**
	 * Aggregate the member statuses of one evaluation. No member at all is UP: nothing
	 * the service depends on is failing.
	 * @param evaluation contributor name to status code
	 * @return the aggregated status code
	 */
	public String aggregate(Map<String, String> evaluation) {
		Set<String> statuses = evaluation.entrySet()
			.stream()
			.filter((entry) -> this.members.test(entry.getKey()))
			.map(Map.Entry::getValue)
			.collect(Collectors.toSet());
		return statuses.isEmpty() ? HealthStatusCodes.UP : this.aggregator.aggregate(statuses);
	}

}
