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

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Combines health status codes into one, as Actuator's {@code StatusAggregator} does:
 * each Spring Boot line adapts its own aggregators (the health groups') to this.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface StatusCodeAggregator {

	/**
	 * Return the aggregate of some status codes.
	 * @param codes the codes, not empty
	 * @return the aggregate code
	 */
	String aggregate(Set<String> codes);

	/**
	 * Return an aggregator that picks the first code in an order (as Actuator's
	 * {@code SimpleStatusAggregator}); codes not in the order come after it, by name.
	 * @param order status codes, most severe first
	 * @return the aggregator
	 */
	static StatusCodeAggregator of(List<String> order) {
		Assert.notNull(order, "'order' must not be null");
		List<String> normalized = order.stream().map((code) -> code.toUpperCase(Locale.ROOT)).toList();
		Comparator<String> severity = Comparator.<String>comparingInt((code) -> {
			int index = normalized.indexOf(code.toUpperCase(Locale.ROOT));
			return (index >= 0) ? index : normalized.size();
		}).thenComparing(Comparator.naturalOrder());
		return (codes) -> codes.stream().min(severity).orElse(HealthStatusCodes.UNKNOWN);
	}

	/**
	 * Return Actuator's default aggregation: DOWN, OUT_OF_SERVICE, UP, UNKNOWN.
	 * @return the aggregator
	 */
	static StatusCodeAggregator defaultOrder() {
		return of(List.of(HealthStatusCodes.DOWN, HealthStatusCodes.OUT_OF_SERVICE, HealthStatusCodes.UP,
				HealthStatusCodes.UNKNOWN));
	}

}
