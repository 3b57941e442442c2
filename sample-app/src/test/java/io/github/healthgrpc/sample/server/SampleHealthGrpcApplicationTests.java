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

import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.sample.v1.SetDependencyRequest;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample over net.devh's in-process server, called through the {@code @GrpcClient}
 * stubs it injects.
 *
 * @author health-grpc authors
 */
@SpringBootTest(properties = { "grpc.server.port=-1", "grpc.server.in-process-name=sample-tests",
		"grpc.client.self.address=in-process:sample-tests", "sample.demo.enabled=false",
		"health-grpc.health.schedule.period=100ms", "health-grpc.health.lifecycle.drain-delay=0" })
@DirtiesContext
class SampleHealthGrpcApplicationTests {

	@Autowired
	private SampleClients clients;

	@Autowired
	private FakeDependencies dependencies;

	@AfterEach
	void mend() {
		this.dependencies.set("inventory", true);
		this.dependencies.set("mail", true);
	}

	@Test
	void theGreeterFollowsTheInventoryOnly() {
		await().until(() -> check("") == HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check(HealthDemo.GREETER)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.clients.control().setDependency(SetDependencyRequest.newBuilder().setName("mail").setUp(false).build());
		await().until(() -> check("") == HealthCheckResponse.ServingStatus.NOT_SERVING);
		assertThat(check(HealthDemo.GREETER)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.clients.control()
			.setDependency(SetDependencyRequest.newBuilder().setName("inventory").setUp(false).build());
		await().until(() -> check(HealthDemo.GREETER) == HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	private HealthCheckResponse.ServingStatus check(String service) {
		return this.clients.health()
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

}
