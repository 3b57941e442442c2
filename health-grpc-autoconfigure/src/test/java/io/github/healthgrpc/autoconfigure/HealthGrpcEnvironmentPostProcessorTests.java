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

package io.github.healthgrpc.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link HealthGrpcEnvironmentPostProcessor}.
 *
 * @author health-grpc authors
 */
class HealthGrpcEnvironmentPostProcessorTests {

	private final HealthGrpcEnvironmentPostProcessor processor = new HealthGrpcEnvironmentPostProcessor();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void switchesNetDevhHealthOffByDefault() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isEqualTo("false");
	}

	@Test
	void leavesNetDevhHealthAloneWhenOurHealthIsOff() {
		this.environment.setProperty("health-grpc.health.enabled", "false");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isNull();
	}

	@Test
	void leavesNetDevhHealthAloneWhenHealthGrpcIsOff() {
		this.environment.setProperty("health-grpc.enabled", "false");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isNull();
	}

	@Test
	void userSettingFalseIsKept() {
		this.environment.setProperty("grpc.server.health-service-enabled", "false");
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isEqualTo("false");
	}

	@Test
	void askingForBothHealthServicesFailsNamingBothProperties() {
		this.environment.setProperty("grpc.server.health-service-enabled", "true");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(this.environment, new SpringApplication()))
			.withMessageContaining("health-grpc.health.enabled")
			.withMessageContaining("grpc.server.health-service-enabled");
	}

}
