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

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SeparateHealthGroup} on hand-built groups (over HTTP in a running application:
 * {@code DownstreamHealthIntegrationTests}).
 *
 * @author health-grpc authors
 */
class SeparateHealthGroupTests {

	private final Group primary = new Group((name) -> !name.equals("excluded"),
			AdditionalHealthEndpointPath.from("server:/healthz"));

	private final Group liveness = new Group((name) -> name.equals("livenessState"), null);

	private final HealthEndpointGroups groups = HealthEndpointGroups.of(this.primary,
			Map.of("liveness", this.liveness));

	private final SeparateHealthGroup separate = new SeparateHealthGroup(Set.of("grpcDownstream", "grpcChannel"),
			"downstream");

	@Test
	void theContributorsLeaveTheRootGroupAndTheirChildrenWithThem() {
		HealthEndpointGroup root = this.separate.postProcessHealthEndpointGroups(this.groups).getPrimary();
		assertThat(root.isMember("grpcDownstream")).isFalse();
		assertThat(root.isMember("grpcDownstream/inventory")).isFalse();
		assertThat(root.isMember("grpcChannel")).isFalse();
		assertThat(root.isMember("db")).isTrue();
		assertThat(root.isMember("db/primary")).isTrue();
		// a name that merely starts like one of them stays
		assertThat(root.isMember("grpcDownstreamer")).isTrue();
		// the root's own exclusions stay
		assertThat(root.isMember("excluded")).isFalse();
	}

	@Test
	void theRootKeepsItsSettings() {
		HealthEndpointGroup root = this.separate.postProcessHealthEndpointGroups(this.groups).getPrimary();
		assertSameSettings(root);
		assertThat(root.getAdditionalPath()).isSameAs(this.primary.getAdditionalPath());
	}

	@Test
	void aGroupOfTheirOwnHasThemAndTheRootsSettingsButNoPath() {
		HealthEndpointGroups processed = this.separate.postProcessHealthEndpointGroups(this.groups);
		assertThat(processed.getNames()).containsExactlyInAnyOrder("liveness", "downstream");
		HealthEndpointGroup downstream = processed.get("downstream");
		assertThat(downstream.isMember("grpcDownstream")).isTrue();
		assertThat(downstream.isMember("grpcDownstream/inventory")).isTrue();
		assertThat(downstream.isMember("grpcChannel")).isTrue();
		assertThat(downstream.isMember("db")).isFalse();
		assertSameSettings(downstream);
		assertThat(downstream.getAdditionalPath()).isNull();
		// the other groups are untouched
		assertThat(processed.get("liveness")).isSameAs(this.liveness);
	}

	@Test
	void aGroupOfTheApplicationsOwnWithTheNameWins() {
		Group own = new Group((name) -> name.equals("ping"), null);
		HealthEndpointGroups processed = this.separate
			.postProcessHealthEndpointGroups(HealthEndpointGroups.of(this.primary, Map.of("downstream", own)));
		assertThat(processed.get("downstream")).isSameAs(own);
		assertThat(processed.getPrimary().isMember("grpcDownstream")).isFalse();
	}

	@Test
	void namesAreRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SeparateHealthGroup(Set.of(), "downstream"));
		assertThatIllegalArgumentException().isThrownBy(() -> new SeparateHealthGroup(Set.of("grpcDownstream"), ""));
	}

	@Test
	void bothGroupsShowWhatTheRootShows() {
		this.primary.components = false;
		this.primary.details = true;
		HealthEndpointGroups processed = this.separate.postProcessHealthEndpointGroups(this.groups);
		for (HealthEndpointGroup group : List.of(processed.getPrimary(), processed.get("downstream"))) {
			assertThat(group.showComponents(SecurityContext.NONE)).isFalse();
			assertThat(group.showDetails(SecurityContext.NONE)).isTrue();
		}
	}

	private void assertSameSettings(HealthEndpointGroup group) {
		SecurityContext anyone = SecurityContext.NONE;
		assertThat(group.showComponents(anyone)).isTrue();
		assertThat(group.showDetails(anyone)).isFalse();
		assertThat(group.getStatusAggregator()).isSameAs(this.primary.aggregator);
		assertThat(group.getHttpCodeStatusMapper()).isSameAs(this.primary.mapper);
	}

	/**
	 * A group with fixed settings.
	 */
	private static final class Group implements HealthEndpointGroup {

		private final java.util.function.Predicate<String> members;

		private final AdditionalHealthEndpointPath path;

		private final StatusAggregator aggregator = new SimpleStatusAggregator();

		private final HttpCodeStatusMapper mapper = new SimpleHttpCodeStatusMapper();

		private boolean components = true;

		private boolean details;

		Group(java.util.function.Predicate<String> members, AdditionalHealthEndpointPath path) {
			this.members = members;
			this.path = path;
		}

		@Override
		public boolean isMember(String name) {
			return this.members.test(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.components;
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.details;
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.aggregator;
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.mapper;
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.path;
		}

	}

}
