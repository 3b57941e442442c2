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

package io.github.healthgrpc.autoconfigure.client;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client settings that only a startup check catches: a load-balancing policy grpc-java
 * does not have, and {@code health-grpc.client.channels.GLOBAL}.
 *
 * @author health-grpc authors
 */
class ClientSettingsCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GrpcClientAutoConfiguration.class, HealthGrpcAutoConfiguration.class,
				HealthGrpcClientChannelsAutoConfiguration.class))
		.withPropertyValues("grpc.client.backends.address=static://127.0.0.1:1");

	@Test
	void aMisspelledPolicyFailsStartupNamingThePropertyAndThePoliciesThatExist() {
		this.runner.withPropertyValues("grpc.client.backends.default-load-balancing-policy=least-request")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("grpc.client.backends.default-load-balancing-policy is 'least-request'")
				.hasMessageContaining("least_request, least_request_all")
				.hasMessageContaining("round_robin, weighted"));
	}

	@Test
	void aMisspelledDefaultForEveryClientFailsToo() {
		this.runner.withPropertyValues("grpc.client.GLOBAL.default-load-balancing-policy=Round_Robin")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("grpc.client.GLOBAL.default-load-balancing-policy is 'Round_Robin'"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "pick_first", "round_robin", "random", "least_request", "least_request_all", "weighted" })
	void everyPolicyTheRegistryHasStarts(String policy) {
		this.runner
			.withPropertyValues("grpc.client.backends.default-load-balancing-policy=" + policy,
					"grpc.client.GLOBAL.default-load-balancing-policy=" + policy)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GrpcChannelFactory.class).createChannel("backends")).isNotNull();
			});
	}

	@Test
	void withoutAPolicyOfItsOwnAClientStarts() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void healthGrpcSettingsForEveryClientAreRefusedNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.client.channels.GLOBAL.health-check.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("health-grpc.client.channels.GLOBAL is not supported")
				.hasMessageContaining("health-grpc.client.channels.<name>"));
		// a client of that name in another case is a client like any other
		this.runner.withPropertyValues("health-grpc.client.channels.global.health-check.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void withHealthGrpcSwitchedOffNothingIsChecked() {
		this.runner
			.withPropertyValues("health-grpc.enabled=false",
					"grpc.client.backends.default-load-balancing-policy=least-request")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClientSettingsCheck.class));
	}

}
