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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.healthgrpc.health.actuate.ContributorCheck;
import io.github.healthgrpc.health.actuate.HealthGroups;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ActuatorContributors}: Spring Boot 3.5's contributors as health-grpc
 * evaluates them.
 *
 * @author health-grpc authors
 */
class ActuatorContributorsTests {

	@Test
	void everyTopLevelContributorIsOneCheckInRegistryOrder() throws Exception {
		Map<String, HealthContributor> contributors = new LinkedHashMap<>();
		contributors.put("db", up());
		contributors.put("disk", (HealthIndicator) () -> Health.outOfService().build());
		Map<String, String> statuses = statuses(contributors);
		assertThat(statuses).containsExactly(Map.entry("db", "UP"), Map.entry("disk", "OUT_OF_SERVICE"));
	}

	@Test
	void aCompositeContributorIsAggregatedAsOneUnit() throws Exception {
		Map<String, HealthContributor> children = Map.of("a", up(), "b", (HealthIndicator) () -> Health.down().build());
		assertThat(statuses(Map.of("group", CompositeHealthContributor.fromMap(children)))).containsEntry("group",
				"DOWN");
	}

	@Test
	void aCompositeOfHealthyContributorsIsUpAndAnEmptyOneToo() throws Exception {
		Map<String, HealthContributor> contributors = Map.of("healthy",
				CompositeHealthContributor.fromMap(Map.of("a", up(), "b", up())), "empty",
				CompositeHealthContributor.fromMap(Map.of()));
		assertThat(statuses(contributors)).containsEntry("healthy", "UP").containsEntry("empty", "UP");
	}

	@Test
	void aContributorOfAnotherKindIsUnknown() throws Exception {
		HealthContributor other = new HealthContributor() {
		};
		assertThat(statuses(Map.of("other", other))).containsEntry("other", "UNKNOWN");
	}

	@Test
	void aCustomStatusKeepsItsCodeAndAggregatesInTheGivenOrder() {
		StatusAggregator order = new SimpleStatusAggregator(Status.DOWN, new Status("DEGRADED"), Status.UP);
		assertThat(ActuatorContributors.aggregator(order).aggregate(Set.of("UP", "DEGRADED"))).isEqualTo("DEGRADED");
	}

	@Test
	void withoutHealthEndpointGroupsThereAreNone() {
		assertThat(ActuatorContributors.groups(null)).isSameAs(HealthGroups.NONE);
	}

	private static Map<String, String> statuses(Map<String, HealthContributor> contributors) throws Exception {
		Map<String, String> statuses = new LinkedHashMap<>();
		for (ContributorCheck check : new ActuatorContributors(new DefaultHealthContributorRegistry(contributors),
				StatusAggregator.getDefault())) {
			statuses.put(check.name(), check.status().call());
		}
		return statuses;
	}

	private static HealthIndicator up() {
		return () -> Health.up().build();
	}

}
