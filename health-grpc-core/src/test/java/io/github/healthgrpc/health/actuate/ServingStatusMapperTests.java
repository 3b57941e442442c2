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

import io.github.healthgrpc.health.ServingStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServingStatusMapper}.
 *
 * @author health-grpc authors
 */
class ServingStatusMapperTests {

	@Test
	void defaultMappingFollowsTheProtocol() {
		ServingStatusMapper mapper = ServingStatusMapper.of(ServingStatusMapper.defaultMapping());
		assertThat(mapper.map("UP")).isEqualTo(ServingStatus.SERVING);
		assertThat(mapper.map("DOWN")).isEqualTo(ServingStatus.NOT_SERVING);
		assertThat(mapper.map("OUT_OF_SERVICE")).isEqualTo(ServingStatus.NOT_SERVING);
		assertThat(mapper.map("UNKNOWN")).isEqualTo(ServingStatus.UNKNOWN);
	}

	@Test
	void theDefaultMappingIsServingStatusesOwn() {
		assertThat(ServingStatusMapper.defaultMapping()).isEqualTo(ServingStatus.defaultMapping())
			.containsOnlyKeys("UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN");
	}

	@Test
	void unmappedCodesAreUnknownAndCodesIgnoreCase() {
		ServingStatusMapper mapper = ServingStatusMapper.of(Map.of("degraded", ServingStatus.SERVING));
		assertThat(mapper.map("DEGRADED")).isEqualTo(ServingStatus.SERVING);
		assertThat(mapper.map("WEIRD")).isEqualTo(ServingStatus.UNKNOWN);
	}

}
