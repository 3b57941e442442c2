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

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatusCodeAggregator}.
 *
 * @author health-grpc authors
 */
class StatusCodeAggregatorTests {

	@Test
	void theDefaultOrderIsActuatorsMostSevereFirst() {
		StatusCodeAggregator aggregator = StatusCodeAggregator.defaultOrder();
		assertThat(aggregator.aggregate(Set.of("UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN"))).isEqualTo("DOWN");
		assertThat(aggregator.aggregate(Set.of("UP", "OUT_OF_SERVICE", "UNKNOWN"))).isEqualTo("OUT_OF_SERVICE");
		assertThat(aggregator.aggregate(Set.of("UP", "UNKNOWN"))).isEqualTo("UP");
		assertThat(aggregator.aggregate(Set.of("UNKNOWN"))).isEqualTo("UNKNOWN");
	}

	@Test
	void codesOutsideTheOrderComeAfterItByNameAndCaseIsIgnored() {
		StatusCodeAggregator aggregator = StatusCodeAggregator.of(List.of("down", "degraded", "up"));
		assertThat(aggregator.aggregate(Set.of("UP", "DEGRADED"))).isEqualTo("DEGRADED");
		assertThat(aggregator.aggregate(Set.of("UP", "ZEBRA", "ALPHA"))).isEqualTo("UP");
		assertThat(aggregator.aggregate(Set.of("ZEBRA", "ALPHA"))).isEqualTo("ALPHA");
	}

}
