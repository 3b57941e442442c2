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

import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.healthgrpc.health.actuate.ContributorCheck;
import io.github.healthgrpc.health.actuate.HealthContributorSource;
import io.github.healthgrpc.health.actuate.HealthGroups;
import io.github.healthgrpc.health.actuate.HealthStatusCodes;
import io.github.healthgrpc.health.actuate.ServiceHealthBinding;
import io.github.healthgrpc.health.actuate.StatusCodeAggregator;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.lang.Nullable;

/**
 * Spring Boot 4.1's health contributors and groups
 * ({@code org.springframework.boot.health}) as health-grpc evaluates them: a composite
 * contributor is one unit, its children aggregated.
 *
 * @author health-grpc authors
 */
final class ActuatorContributors implements HealthContributorSource {

	private final HealthContributors contributors;

	private final StatusAggregator compositeAggregator;

	ActuatorContributors(HealthContributors contributors, StatusAggregator compositeAggregator) {
		this.contributors = contributors;
		this.compositeAggregator = compositeAggregator;
	}

	@Override
	public Iterator<ContributorCheck> iterator() {
		// read at each evaluation: contributors registered later are seen
		return this.contributors.stream()
			.map((entry) -> new ContributorCheck(entry.name(), () -> statusOf(entry.contributor())))
			.iterator();
	}

	private String statusOf(HealthContributor contributor) {
		if (contributor instanceof HealthIndicator indicator) {
			Health health = indicator.health(false);
			return (health != null) ? health.getStatus().getCode() : null;
		}
		if (contributor instanceof CompositeHealthContributor composite) {
			Set<Status> children = composite.stream()
				.map((child) -> new Status(statusOf(child.contributor())))
				.collect(Collectors.toSet());
			return children.isEmpty() ? HealthStatusCodes.UP
					: this.compositeAggregator.getAggregateStatus(children).getCode();
		}
		return HealthStatusCodes.UNKNOWN;
	}

	static StatusCodeAggregator aggregator(StatusAggregator aggregator) {
		return (codes) -> aggregator.getAggregateStatus(codes.stream().map(Status::new).collect(Collectors.toSet()))
			.getCode();
	}

	static HealthGroups groups(@Nullable HealthEndpointGroups groups) {
		if (groups == null) {
			return HealthGroups.NONE;
		}
		return new HealthGroups() {

			@Override
			public ServiceHealthBinding get(String name) {
				HealthEndpointGroup group = groups.get(name);
				return (group != null)
						? new ServiceHealthBinding(group::isMember, aggregator(group.getStatusAggregator())) : null;
			}

			@Override
			public Set<String> names() {
				return groups.getNames();
			}

		};
	}

}
