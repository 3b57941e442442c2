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

package io.github.healthgrpc.kit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Actuator's availability contributors ({@code readinessState},
 * {@code livenessState}: on by default on Spring Boot 4.1, on Kubernetes on 3.5), the
 * Health service follows the application's availability as it changes, not one evaluation
 * period later: the first evaluation runs while the context refreshes, still
 * {@code REFUSING_TRAFFIC}.
 *
 * @author health-grpc authors
 */
class AvailabilityKitTests {

	@Test
	void withTheProbeContributorsTheApplicationIsServingOnceReadyNotOnePeriodLater() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.containsBean("readinessStateHealthIndicator")).isTrue();
			ManagedChannel channel = KitChannel.to(context.getBean(KitServer.class));
			try {
				// the period is an hour: only a new evaluation when readiness changed
				// makes it SERVING
				await().atMost(Duration.ofSeconds(10))
					.until(() -> check(channel) == HealthCheckResponse.ServingStatus.SERVING);
				AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> check(channel) == HealthCheckResponse.ServingStatus.NOT_SERVING);
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> check(channel) == HealthCheckResponse.ServingStatus.SERVING);
			}
			finally {
				KitChannel.close(channel);
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(KitApplication.class)
			.properties(KitApplication.PORT_ZERO, KitApplication.LOOPBACK, "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "management.endpoint.health.probes.enabled=true",
					"health-grpc.health.schedule.period=1h", "health-grpc.health.lifecycle.drain-delay=0")
			.run();
	}

	private static HealthCheckResponse.ServingStatus check(ManagedChannel channel) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(2, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

}
