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

package io.github.healthgrpc.autoconfigure.consul;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MissingWebServerModuleFailureAnalyzer}: the failure of a gRPC-only
 * application whose Spring Cloud Consul registration cannot load
 * {@code WebServerInitializedEvent}, as the JVM reports it, and nothing else.
 *
 * @author health-grpc authors
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingWebServerModuleFailureAnalyzerTests {

	private final MissingWebServerModuleFailureAnalyzer analyzer = new MissingWebServerModuleFailureAnalyzer();

	@Test
	void theMissingEventNamesTheModuleToAddAndTheSwitch() {
		// what the bean factory throws when the registration's class cannot be linked
		NoClassDefFoundError linkage = new NoClassDefFoundError(
				"org/springframework/boot/web/server/context/WebServerInitializedEvent");
		linkage.initCause(new ClassNotFoundException(MissingWebServerModuleFailureAnalyzer.EVENT));
		BeanCreationException failure = new BeanCreationException("consulAutoServiceRegistrationListener",
				"Failed to introspect bean class", new IllegalStateException("Failed to introspect Class", linkage));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("org.springframework.boot:spring-boot-web-server");
		assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-web-server")
			.contains("spring.cloud.service-registry.auto-registration.enabled=false");
		assertThat(analysis.getCause()).isSameAs(linkage);
		assertThat(this.analyzer.analyze(new ClassNotFoundException(MissingWebServerModuleFailureAnalyzer.EVENT)))
			.isNotNull();
	}

	@Test
	void anyOtherFailureIsLeftToTheOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new NoClassDefFoundError("io/grpc/Missing"))).isNull();
		assertThat(this.analyzer.analyze(new IllegalStateException(MissingWebServerModuleFailureAnalyzer.EVENT)))
			.isNull();
		assertThat(this.analyzer.analyze(new NoClassDefFoundError())).isNull();
	}

	@Test
	void springBootReportsItWhenAnApplicationFailsSo(CapturedOutput output) {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(FailingApplication.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("org.springframework.boot:spring-boot-web-server")
			.contains("spring.cloud.service-registry.auto-registration.enabled=false");
	}

	/**
	 * An application whose bean cannot link the event, as Spring Cloud Consul's
	 * registration cannot without the module.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FailingApplication {

		@Bean
		Object consulAutoServiceRegistrationListener() {
			throw new NoClassDefFoundError("org/springframework/boot/web/server/context/WebServerInitializedEvent");
		}

	}

}
