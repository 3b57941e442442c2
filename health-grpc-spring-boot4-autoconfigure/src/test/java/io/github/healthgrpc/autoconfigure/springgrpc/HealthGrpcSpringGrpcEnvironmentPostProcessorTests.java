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
package io.github.healthgrpc.autoconfigure.springgrpc;

import java.time.Duration;

import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Tests for {@link HealthGrpcSpringGrpcEnvironmentPostProcessor}: which wins where Spring
 * Boot has its own property for the same thing.
 *
 * @author health-grpc authors
 */
class HealthGrpcSpringGrpcEnvironmentPostProcessorTests {

	private static final String BOOT_HEALTH = "spring.grpc.server.health.enabled";

	private static final String BOOT_GRACE = "spring.grpc.server.shutdown.grace-period";

	private final Log log = mock(Log.class);

	private final HealthGrpcSpringGrpcEnvironmentPostProcessor processor = new HealthGrpcSpringGrpcEnvironmentPostProcessor(
			(destination) -> this.log);

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void theConsulHttpClientsSettingsOfTheOtherLineAreSaidToHaveNoEffect() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		verifyNoInteractions(this.log);
		this.environment.setProperty("health-grpc.consul.agent.read-timeout", "10s");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		verify(this.log).warn(argThat((String line) -> line.startsWith(
				"health-grpc.consul.agent.read-timeout has no effect on Spring Boot 4.1: Spring Cloud Consul 5.0 has "
						+ "no consul-api HTTP client")));
		this.environment.setProperty("health-grpc.consul.agent.transport-enabled", "false");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		verify(this.log).warn(argThat((String line) -> line.startsWith("health-grpc.consul.agent.transport-enabled and "
				+ "health-grpc.consul.agent.read-timeout have no effect")));
	}

	@Test
	void switchesSpringBootsHealthServiceOffByDefault() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty(BOOT_HEALTH)).isEqualTo("false");
	}

	@Test
	void leavesSpringBootsHealthAloneWhenOursIsOff() {
		this.environment.setProperty("health-grpc.health.enabled", "false");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty(BOOT_HEALTH)).isNull();
		MockEnvironment master = new MockEnvironment().withProperty("health-grpc.enabled", "false");
		this.processor.postProcessEnvironment(master, new SpringApplication());
		assertThat(master.getProperty(BOOT_HEALTH)).isNull();
	}

	@Test
	void leavesSpringBootsHealthAloneWhenOurHealthAutoConfigurationIsExcluded() {
		this.environment.setProperty("spring.autoconfigure.exclude", HealthGrpcHealthAutoConfiguration.class.getName());
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty(BOOT_HEALTH)).isNull();
	}

	@Test
	void askingForBothHealthServicesFailsNamingBothProperties() {
		this.environment.setProperty(BOOT_HEALTH, "true");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(this.environment, new SpringApplication()))
			.withMessageContaining("health-grpc.health.enabled")
			.withMessageContaining(BOOT_HEALTH);
	}

	@Test
	void shortensSpringBootsShutdownGracePeriodUnlessSet() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty(BOOT_GRACE)).isEqualTo("20s");
		MockEnvironment configured = new MockEnvironment().withProperty(BOOT_GRACE, "45s");
		this.processor.postProcessEnvironment(configured, new SpringApplication());
		assertThat(configured.getProperty(BOOT_GRACE)).isEqualTo("45s");
	}

	@Test
	void theDefaultDrainAndGracePeriodFitKubernetesDefaultTerminationGracePeriod() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		Duration drain = new HealthGrpcHealthProperties().getLifecycle().getDrainDelay();
		Duration grace = DurationStyle.detectAndParse(this.environment.getProperty(BOOT_GRACE));
		assertThat(drain.plus(grace)).isLessThanOrEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void withSpringCloudConsulClientsResolvePassingInstancesOnly() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("spring.cloud.consul.discovery.query-passing")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.cloud.consul.discovery.fail-fast")).isEqualTo("false");
	}

}
