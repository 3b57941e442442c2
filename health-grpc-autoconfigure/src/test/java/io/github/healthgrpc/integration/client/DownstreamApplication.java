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

package io.github.healthgrpc.integration.client;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with a web server, a gRPC server, a downstream client named
 * {@code backends}, and a health indicator of its own that the test switches.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DownstreamApplication {

	@Bean
	Switch switchHealthIndicator() {
		return new Switch();
	}

	/**
	 * UP or DOWN as the test says.
	 */
	static class Switch implements HealthIndicator {

		volatile boolean up = true;

		@Override
		public Health health() {
			return this.up ? Health.up().build() : Health.down().build();
		}

	}

}
