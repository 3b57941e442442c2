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

package io.github.healthgrpc.health.grpc;

import java.util.ArrayList;
import java.util.List;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthExemptStreamTracerFactory} and {@link HealthRpcs}.
 *
 * @author health-grpc authors
 */
class HealthExemptStreamTracerFactoryTests {

	private final List<String> traced = new ArrayList<>();

	private final ServerStreamTracer tracer = new ServerStreamTracer() {
	};

	private final HealthExemptStreamTracerFactory factory = new HealthExemptStreamTracerFactory(
			new ServerStreamTracer.Factory() {
				@Override
				public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
					HealthExemptStreamTracerFactoryTests.this.traced.add(fullMethodName);
					return HealthExemptStreamTracerFactoryTests.this.tracer;
				}
			});

	@Test
	void healthRpcsGetAnUntracedTracerAndEveryOtherRpcTheDelegatesOne() {
		for (String health : List.of("grpc.health.v1.Health/Check", "grpc.health.v1.Health/Watch",
				"grpc.health.v1.Health/List", "Health/check")) {
			assertThat(this.factory.newServerStreamTracer(health, new Metadata())).isNotSameAs(this.tracer);
		}
		for (String other : List.of("orders.v1.Orders/Get", "grpc.health.v1.HealthX/Check",
				"grpc.health.v1.Healt/Check", "grpc.health.v1.Health", "Healthy/check", "x.Health/check", "")) {
			assertThat(this.factory.newServerStreamTracer(other, new Metadata())).isSameAs(this.tracer);
		}
		assertThat(this.traced).hasSize(7);
	}

	@Test
	void healthServicesAreTheOnesHealthGrpcServes() {
		assertThat(HealthRpcs.isHealthService("grpc.health.v1.Health")).isTrue();
		assertThat(HealthRpcs.isHealthService("Health")).isTrue();
		assertThat(HealthRpcs.isHealthService("grpc.health.v1.HealthX")).isFalse();
		assertThat(HealthRpcs.isHealthService(null)).isFalse();
	}

}
