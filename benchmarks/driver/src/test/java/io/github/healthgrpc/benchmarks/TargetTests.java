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

package io.github.healthgrpc.benchmarks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.healthgrpc.benchmarks.Target.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Target} and {@link Line}.
 *
 * @author health-grpc authors
 */
class TargetTests {

	@Test
	void everyTargetTakesEveryPlaceOnceOverAsManyRounds() {
		List<Target> targets = List.of(Target.values());
		for (int place = 0; place < targets.size(); place++) {
			Set<Target> seen = new HashSet<>();
			for (int round = 1; round <= targets.size(); round++) {
				List<Target> order = Target.order(targets, round);
				assertThat(order).containsExactlyInAnyOrderElementsOf(targets);
				seen.add(order.get(place));
			}
			assertThat(seen).containsExactlyInAnyOrderElementsOf(targets);
		}
		assertThat(Target.order(targets, 1)).isEqualTo(targets);
	}

	@Test
	void eachLineHasItsFourRoles() {
		assertThat(Line.BOOT3.target(Role.BARE)).isEqualTo(Target.BARE);
		assertThat(Line.BOOT3.target(Role.BUILT_IN)).isEqualTo(Target.NET_DEVH);
		assertThat(Line.BOOT3.target(Role.STARTER)).isEqualTo(Target.STARTER);
		assertThat(Line.BOOT3.target(Role.SLOW)).isEqualTo(Target.STARTER_SLOW);
		assertThat(Line.BOOT4.target(Role.BARE)).isEqualTo(Target.BARE4);
		assertThat(Line.BOOT4.target(Role.BUILT_IN)).isEqualTo(Target.BOOT4);
		assertThat(Line.BOOT4.target(Role.STARTER)).isEqualTo(Target.STARTER4);
		assertThat(Line.BOOT4.target(Role.SLOW)).isEqualTo(Target.STARTER4_SLOW);
	}

	@Test
	void onlyTheSlowVariantsSkipProbesAndWatch() {
		assertThat(List.of(Target.values()).stream().filter((target) -> !target.fullRun()))
			.containsExactly(Target.STARTER_SLOW, Target.STARTER4_SLOW);
	}

	@Test
	void findsTargetsByKind() {
		assertThat(Target.ofKind("starter4-slow")).isEqualTo(Target.STARTER4_SLOW);
		assertThat(Target.ofKind("netdevh")).isEqualTo(Target.NET_DEVH);
	}

}
