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

package io.github.healthgrpc.client.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.healthgrpc.client.downstream.DownstreamAnswer;
import io.github.healthgrpc.client.downstream.DownstreamChecks;
import io.github.healthgrpc.client.downstream.DownstreamTarget;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The downstream answers as this line's Actuator shows them.
 *
 * @author health-grpc authors
 */
class DownstreamHealthContributorTests {

	@Test
	void oneIndicatorPerDownstreamReportingItsLatestAnswer() {
		try (DownstreamChecks checks = new DownstreamChecks(List.of(new DownstreamTarget("inventory", () -> {
			throw new IllegalStateException("never asked");
		}, "inventory.v1.Inventory", Duration.ofSeconds(1))), Duration.ofSeconds(10))) {
			CompositeHealthContributor composite = (CompositeHealthContributor) DownstreamHealthContributor.of(checks);
			NamedContributor<?> only = composite.iterator().next();
			assertThat(only.getName()).isEqualTo("inventory");
			Health health = ((HealthIndicator) only.getContributor()).health();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsExactly(Map.entry("service", "inventory.v1.Inventory"),
					Map.entry("reason", "not asked yet"));
		}
	}

	@Test
	void eachStatusIsActuatorsOfTheSameNameWithTheDetailsInOrder() {
		Health down = DownstreamHealthContributor
			.health(new DownstreamAnswer(DownstreamAnswer.Status.DOWN, Map.of("error", "UNAVAILABLE")));
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsExactly(Map.entry("error", "UNAVAILABLE"));
		assertThat(DownstreamHealthContributor.health(new DownstreamAnswer(DownstreamAnswer.Status.UP, Map.of()))
			.getStatus()).isEqualTo(Status.UP);
	}

}
