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
package io.github.healthgrpc.testsupport;

import org.junit.jupiter.api.Test;

import org.springframework.core.SpringVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves which Spring Framework the core's tests ran on: the build runs them on 6.2 and
 * again on 7.0, and says which it expects in a system property.
 *
 * @author health-grpc authors
 */
class SpringFrameworkVersionTests {

	@Test
	void theTestsRunOnTheSpringFrameworkTheBuildAskedFor() {
		String expected = System.getProperty("health-grpc.expected-spring-framework");
		assertThat(expected).as("health-grpc.expected-spring-framework (set by the build)").isNotBlank();
		assertThat(SpringVersion.getVersion()).isEqualTo(expected);
	}

}
