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

package io.github.healthgrpc.sample.boot4;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The sample's Greeter on Spring Boot 4.1: Spring Boot's gRPC server serves every
 * {@code BindableService} bean, health-grpc gives each one a status that follows the
 * Actuator indicators bound to it in {@code application.yml}. Its only health code is two
 * ordinary indicators, {@code inventory} and {@code mail}.
 *
 * @author health-grpc authors
 */
@SpringBootApplication
public class GreeterTwoApplication {

	public static void main(String[] args) {
		SpringApplication.run(GreeterTwoApplication.class, args);
	}

	@Bean
	GreeterService greeterService(@Value("${sample.instance}") String instance) {
		return new GreeterService(instance);
	}

	@Bean
	DependencyControlService dependencyControlService(FakeDependencies dependencies) {
		return new DependencyControlService(dependencies);
	}

	@Bean
	FakeDependencies fakeDependencies() {
		return new FakeDependencies();
	}

	@Bean
	HealthIndicator inventoryHealthIndicator(FakeDependencies dependencies) {
		return () -> dependencies.isUp("inventory") ? Health.up().build() : Health.down().build();
	}

	@Bean
	HealthIndicator mailHealthIndicator(FakeDependencies dependencies) {
		return () -> dependencies.isUp("mail") ? Health.up().build() : Health.down().build();
	}

}
