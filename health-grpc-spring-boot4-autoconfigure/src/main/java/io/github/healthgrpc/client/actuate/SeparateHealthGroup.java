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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Keeps contributors that report on other systems out of {@code /actuator/health}'s own
 * status, and shows them in a health group of their own instead. Actuator's root group
 * counts every contributor, so without this a DOWN downstream would turn this application
 * DOWN for every probe, load balancer and Consul HTTP check that reads the root, and take
 * a healthy instance out. Groups that name the contributors count them as before.
 *
 * <p>
 * The new group, at {@code /actuator/health/<group>}, has the root group's status order,
 * HTTP mapping and visibility. A group of that name that the application defines itself
 * is left as it is.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class SeparateHealthGroup implements HealthEndpointGroupsPostProcessor {

	private final Set<String> contributors;

	private final String group;

	/**
	 * Create the post-processor.
	 * @param contributors the top-level names of the contributors to keep out of the root
	 * @param group the name of the group that shows them
	 */
	public SeparateHealthGroup(Set<String> contributors, String group) {
		Assert.notEmpty(contributors, "'contributors' must not be empty");
		Assert.hasText(group, "'group' must not be empty");
		this.contributors = Set.copyOf(contributors);
		this.group = group;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup primary = groups.getPrimary();
		Map<String, HealthEndpointGroup> additional = new LinkedHashMap<>();
		groups.getNames().forEach((name) -> additional.put(name, groups.get(name)));
		additional.putIfAbsent(this.group, new Members(primary, this::isContributor, null));
		Predicate<String> rest = (name) -> !isContributor(name) && primary.isMember(name);
		return HealthEndpointGroups.of(new Members(primary, rest, primary.getAdditionalPath()), additional);
	}

	private boolean isContributor(String name) {
		// Actuator asks for the members of a composite by path:
		// "grpcDownstream/inventory"
		int slash = name.indexOf('/');
		return this.contributors.contains((slash < 0) ? name : name.substring(0, slash));
	}

	/**
	 * A group with the settings of another and members of its own.
	 */
	private static final class Members implements HealthEndpointGroup {

		private final HealthEndpointGroup settings;

		private final Predicate<String> members;

		@Nullable
		private final AdditionalHealthEndpointPath additionalPath;

		Members(HealthEndpointGroup settings, Predicate<String> members,
				@Nullable AdditionalHealthEndpointPath additionalPath) {
			this.settings = settings;
			this.members = members;
			this.additionalPath = additionalPath;
		}

		@Override
		public boolean isMember(String name) {
			return this.members.test(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.settings.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.settings.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.settings.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.settings.getHttpCodeStatusMapper();
		}

		@Override
		@Nullable
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.additionalPath;
		}

	}

}
