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

package io.github.healthgrpc.sample.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A gRPC application that uses health-grpc with zero code: its only health code is two
 * ordinary Actuator indicators.
 *
 * @author health-grpc authors
 */
@SpringBootApplication
public class SampleHealthGrpcApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleHealthGrpcApplication.class, args);
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
