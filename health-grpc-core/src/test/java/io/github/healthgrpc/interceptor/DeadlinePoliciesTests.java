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

package io.github.healthgrpc.interceptor;

import java.time.Duration;
import java.util.Map;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadlinePolicies}.
 *
 * @author health-grpc authors
 */
class DeadlinePoliciesTests {

	private final DeadlinePolicy global = new DeadlinePolicy(Duration.ofSeconds(30), Duration.ofMinutes(1));

	@Test
	void unaryMethodsWithoutAnEntryGetTheGlobalPolicy() {
		assertThat(new DeadlinePolicies(this.global, Map.of()).forMethod(CallsGrpc.getUnaryMethod()))
			.isEqualTo(this.global);
	}

	@Test
	void streamingMethodsAndHealthWatchAreExemptFromTheGlobalPolicy() {
		DeadlinePolicies policies = new DeadlinePolicies(this.global, Map.of());
		assertThat(policies.forMethod(CallsGrpc.getServerStreamMethod())).isEqualTo(DeadlinePolicy.NONE);
		assertThat(policies.forMethod(CallsGrpc.getBidiMethod())).isEqualTo(DeadlinePolicy.NONE);
		assertThat(policies.forMethod(HealthGrpc.getWatchMethod())).isEqualTo(DeadlinePolicy.NONE);
	}

	@Test
	void theMostSpecificEntryAppliesWholeWithoutMerging() {
		// as docs/deadlines.md shows: a 10 minute export in a service capped at 10 s,
		// under a global cap of 2 minutes
		DeadlinePolicies policies = new DeadlinePolicies(
				new DeadlinePolicy(Duration.ofSeconds(30), Duration.ofMinutes(2)),
				Map.of("test.v1.Calls", new DeadlinePolicy(null, Duration.ofSeconds(10)), "test.v1.Calls/Unary",
						new DeadlinePolicy(Duration.ofMinutes(10), null)));
		assertThat(policies.forMethod(CallsGrpc.getUnaryMethod()))
			.isEqualTo(new DeadlinePolicy(Duration.ofMinutes(10), null));
		assertThat(policies.forMethod(CallsGrpc.getClientStreamMethod()))
			.isEqualTo(new DeadlinePolicy(null, Duration.ofSeconds(10)));
		assertThat(policies.forMethod(EchoGrpc.getEchoMethod()))
			.isEqualTo(new DeadlinePolicy(Duration.ofSeconds(30), Duration.ofMinutes(2)));
	}

	@Test
	void healthCheckIsExemptFromTheGlobalPolicyUnlessItHasAnEntry() {
		assertThat(new DeadlinePolicies(this.global, Map.of()).forMethod(HealthGrpc.getCheckMethod()))
			.isEqualTo(DeadlinePolicy.NONE);
		// List, and the seed's legacy Check, as well
		assertThat(new DeadlinePolicies(this.global, Map.of())
			.forMethod(io.github.healthgrpc.health.v1.HealthGrpc.getListMethod())).isEqualTo(DeadlinePolicy.NONE);
		assertThat(new DeadlinePolicies(this.global, Map.of())
			.forMethod(io.github.healthgrpc.legacy.v0.HealthGrpc.getCheckMethod())).isEqualTo(DeadlinePolicy.NONE);
		DeadlinePolicy own = new DeadlinePolicy(Duration.ofSeconds(1), null);
		assertThat(new DeadlinePolicies(this.global, Map.of("grpc.health.v1.Health/Check", own))
			.forMethod(HealthGrpc.getCheckMethod())).isEqualTo(own);
		assertThat(new DeadlinePolicies(this.global, Map.of("grpc.health.v1.Health", own))
			.forMethod(HealthGrpc.getCheckMethod())).isEqualTo(own);
	}

}
