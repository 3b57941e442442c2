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
import io.github.healthgrpc.health.actuate.ServiceHealthBinding;

import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.NamedContributors;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.lang.Nullable;

/**
 * The {@link ServiceHealthBinding} of every service name, built from
 * {@link HealthGrpcHealthProperties} and checked against the contributors and groups that
 * exist, so a typo fails at startup naming the property.
 *
 * @author health-grpc authors
 */
final class ServiceHealthBindings implements Function<String, ServiceHealthBinding> {

	private final NamedContributors<HealthContributor> contributors;

	@Nullable
	private final HealthEndpointGroups groups;

	private final StatusAggregator defaultAggregator;

	private final ServiceHealthBinding overall;

	private final ServiceHealthBinding fallback;

	// health-grpc.health.ignored-contributors and the defaults, for bindings that name
	// no contributor
	private final Predicate<String> notIgnored;

	private final Map<String, ServiceHealthBinding> services = new HashMap<>();

	ServiceHealthBindings(HealthGrpcHealthProperties properties, NamedContributors<HealthContributor> contributors,
			@Nullable HealthEndpointGroups groups, StatusAggregator defaultAggregator) {
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
		StatusAggregator aggregator = this.defaultAggregator;
		if (binding.getGroup() != null) {
			HealthEndpointGroup group = findGroup(property + ".group", binding.getGroup());
			members = group::isMember;
			aggregator = group.getStatusAggregator();
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

	private HealthEndpointGroup findGroup(String property, String name) {
		HealthEndpointGroup group = (this.groups != null) ? this.groups.get(name) : null;
		if (group == null) {
			String known = (this.groups != null) ? String.join(", ", new TreeSet<>(this.groups.getNames())) : "";
			throw new InvalidConfigurationPropertyValueException(property, name, "No Actuator health group named '"
					+ name + "' (known groups: [" + known + "]; define one under management.endpoint.health.group)");
		}
		return group;
	}

	private List<String> checkedNames(String property, List<String> names) {
		for (String name : names) {
			if (this.contributors.getContributor(name) == null) {
				TreeSet<String> known = new TreeSet<>();
				this.contributors.forEach((NamedContributor<HealthContributor> c) -> known.add(c.getName()));
				throw new InvalidConfigurationPropertyValueException(property, String.join(",", names),
						"No health contributor named '" + name + "' (known contributors: " + known + ")");
			}
		}
		return List.copyOf(names);
	}

}
