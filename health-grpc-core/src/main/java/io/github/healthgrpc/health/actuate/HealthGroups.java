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

import java.util.Set;

import org.springframework.lang.Nullable;

/**
 * Actuator's health groups ({@code management.endpoint.health.group.*}), each as the
 * contributors it counts and how it aggregates them. Each Spring Boot line adapts its own
 * {@code HealthEndpointGroups} to this.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public interface HealthGroups {

	/**
	 * No groups (Actuator's health endpoint is not there).
	 */
	HealthGroups NONE = new HealthGroups() {

		@Override
		public ServiceHealthBinding get(String name) {
			return null;
		}

		@Override
		public Set<String> names() {
			return Set.of();
		}

	};

	/**
	 * Return a group.
	 * @param name the group's name
	 * @return its members and aggregation, or {@code null} if there is no such group
	 */
	@Nullable
	ServiceHealthBinding get(String name);

	/**
	 * Return the names of every group.
	 * @return the names
	 */
	Set<String> names();

}
