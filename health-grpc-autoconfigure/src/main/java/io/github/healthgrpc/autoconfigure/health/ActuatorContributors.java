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
import java.util.stream.StreamSupport;

import io.github.healthgrpc.health.actuate.ContributorCheck;
import io.github.healthgrpc.health.actuate.HealthContributorSource;
import io.github.healthgrpc.health.actuate.HealthGroups;
import io.github.healthgrpc.health.actuate.HealthStatusCodes;
import io.github.healthgrpc.health.actuate.ServiceHealthBinding;
import io.github.healthgrpc.health.actuate.StatusCodeAggregator;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributors;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.lang.Nullable;

/**
 * Spring Boot 3.5's Actuator health contributors and groups, as health-grpc evaluates
 * them: a composite contributor is one unit, its children aggregated.
 *
 * @author health-grpc authors
 */
final class ActuatorContributors implements HealthContributorSource {

	private final NamedContributors<HealthContributor> contributors;

	private final StatusAggregator compositeAggregator;

	ActuatorContributors(NamedContributors<HealthContributor> contributors, StatusAggregator compositeAggregator) {
		this.contributors = contributors;
		this.compositeAggregator = compositeAggregator;
	}

	@Override
	public Iterator<ContributorCheck> iterator() {
		// read at each evaluation: contributors registered later are seen
		return StreamSupport.stream(this.contributors.spliterator(), false)
			.map((named) -> new ContributorCheck(named.getName(), () -> statusOf(named.getContributor())))
			.iterator();
	}

	private String statusOf(HealthContributor contributor) {
		if (contributor instanceof HealthIndicator indicator) {
			return indicator.getHealth(false).getStatus().getCode();
		}
		if (contributor instanceof CompositeHealthContributor composite) {
			Set<Status> children = composite.stream()
				.map((child) -> new Status(statusOf(child.getContributor())))
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
