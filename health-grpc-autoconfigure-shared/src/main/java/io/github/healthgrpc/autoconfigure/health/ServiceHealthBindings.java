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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties.Binding;
import io.github.healthgrpc.health.actuate.HealthGroups;
import io.github.healthgrpc.health.actuate.ServiceHealthBinding;
import io.github.healthgrpc.health.actuate.StatusCodeAggregator;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The {@link ServiceHealthBinding} of every service name, built from
 * {@link HealthGrpcHealthProperties} and checked against the contributors and groups that
 * exist, so a typo fails at startup naming the property.
 *
 * @author health-grpc authors
 */
final class ServiceHealthBindings implements Function<String, ServiceHealthBinding> {

	private final Set<String> contributors;

	private final HealthGroups groups;

	private final StatusCodeAggregator defaultAggregator;

	private final ServiceHealthBinding overall;

	private final ServiceHealthBinding fallback;

	// health-grpc.health.ignored-contributors and the defaults, for bindings that name
	// no contributor
	private final Predicate<String> notIgnored;

	private final Map<String, ServiceHealthBinding> services = new HashMap<>();

	/**
	 * Build the bindings.
	 * @param properties the configuration
	 * @param contributors the names of the top-level contributors that exist
	 * @param groups Actuator's health groups
	 * @param defaultAggregator how statuses combine where no group says otherwise
	 */
	ServiceHealthBindings(HealthGrpcHealthProperties properties, Set<String> contributors, HealthGroups groups,
			StatusCodeAggregator defaultAggregator) {
		this.contributors = contributors;
		this.groups = groups;
		this.defaultAggregator = defaultAggregator;
		Set<String> ignored = Set.copyOf(properties.allIgnoredContributors());
		this.notIgnored = (name) -> !ignored.contains(name);
		this.fallback = new ServiceHealthBinding(this.notIgnored, defaultAggregator);
		this.overall = build(HealthGrpcHealthProperties.PREFIX + ".overall", properties.getOverall());
		properties.getServices()
			.forEach((name, binding) -> this.services.put(name,
					build(HealthGrpcHealthProperties.PREFIX + ".services[" + name + "]", binding)));
	}

	@Override
	public ServiceHealthBinding apply(String service) {
		return service.isEmpty() ? this.overall : this.services.getOrDefault(service, this.fallback);
	}

	/**
	 * Return whether some status depends on a contributor, so that it must be evaluated.
	 * @param contributor the contributor's top-level name
	 * @return whether a binding (or the default of unbound services) counts it
	 */
	boolean uses(String contributor) {
		return this.overall.members().test(contributor) || this.fallback.members().test(contributor)
				|| this.services.values().stream().anyMatch((binding) -> binding.members().test(contributor));
	}

	private ServiceHealthBinding build(String property, Binding binding) {
		Predicate<String> members = (name) -> true;
		StatusCodeAggregator aggregator = this.defaultAggregator;
		if (binding.getGroup() != null) {
			ServiceHealthBinding group = findGroup(property + ".group", binding.getGroup());
			members = group.members();
			aggregator = group.aggregator();
		}
		if (!binding.getInclude().isEmpty()) {
			List<String> include = checkedNames(property + ".include", binding.getInclude());
			members = members.and(include::contains);
		}
		if (binding.getGroup() == null && binding.getInclude().isEmpty()) {
			// a binding that names its contributors decides for itself
			members = members.and(this.notIgnored);
		}
		if (!binding.getExclude().isEmpty()) {
			List<String> exclude = checkedNames(property + ".exclude", binding.getExclude());
			members = members.and((name) -> !exclude.contains(name));
		}
		return new ServiceHealthBinding(members, aggregator);
	}

	private ServiceHealthBinding findGroup(String property, String name) {
		ServiceHealthBinding group = this.groups.get(name);
		if (group == null) {
			String known = String.join(", ", new TreeSet<>(this.groups.names()));
			throw new InvalidConfigurationPropertyValueException(property, name, "No Actuator health group named '"
					+ name + "' (known groups: [" + known + "]; define one under management.endpoint.health.group)");
		}
		return group;
	}

	private List<String> checkedNames(String property, List<String> names) {
		for (String name : names) {
			if (!this.contributors.contains(name)) {
				throw new InvalidConfigurationPropertyValueException(property, String.join(",", names),
						"No health contributor named '" + name + "' (known contributors: "
								+ new TreeSet<>(this.contributors) + ")");
			}
		}
		return List.copyOf(names);
	}

}
