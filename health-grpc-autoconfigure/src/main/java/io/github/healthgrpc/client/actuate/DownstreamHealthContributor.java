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

import io.github.healthgrpc.client.downstream.DownstreamAnswer;
import io.github.healthgrpc.client.downstream.DownstreamChecks;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code grpcDownstream} contributor on the Spring Boot 3.5 line: one indicator per
 * downstream, by name, each reporting the latest answer of {@link DownstreamChecks}
 * (never asking on the path of {@code /actuator/health}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class DownstreamHealthContributor {

	private DownstreamHealthContributor() {
	}

	/**
	 * Return the contributor: one indicator per downstream, by name.
	 * @param checks the downstreams' checks
	 * @return the composite contributor
	 */
	public static HealthContributor of(DownstreamChecks checks) {
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		checks.names().forEach((name) -> indicators.put(name, () -> health(checks.latest(name))));
		return CompositeHealthContributor.fromMap(indicators);
	}

	static Health health(DownstreamAnswer answer) {
		return Health.status(answer.status().name()).withDetails(answer.details()).build();
	}

}
