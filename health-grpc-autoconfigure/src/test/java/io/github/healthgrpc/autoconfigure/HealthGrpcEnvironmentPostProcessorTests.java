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

import java.time.Duration;

import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
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

	@Test
	void leavesNetDevhHealthAloneWhenOurHealthAutoConfigurationIsExcludedByProperty() {
		this.environment.setProperty("spring.autoconfigure.exclude",
				"com.example.Other," + HealthGrpcHealthAutoConfiguration.class.getName());
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isNull();
	}

	@Test
	void leavesNetDevhHealthAloneWhenOurHealthAutoConfigurationIsExcludedByAnnotation() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication(ExcludingApplication.class));
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isNull();
		this.processor.postProcessEnvironment(this.environment,
				new SpringApplication(ExcludingByNameApplication.class));
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isNull();
	}

	@Test
	void otherExclusionsChangeNothing() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication(OtherExclusionApplication.class));
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isEqualTo("false");
	}

	@Test
	void shortensNetDevhsShutdownGracePeriodUnlessSet() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("grpc.server.shutdown-grace-period")).isEqualTo("20s");
		MockEnvironment configured = new MockEnvironment().withProperty("grpc.server.shutdown-grace-period", "45s");
		this.processor.postProcessEnvironment(configured, new SpringApplication());
		assertThat(configured.getProperty("grpc.server.shutdown-grace-period")).isEqualTo("45s");
	}

	@Test
	void theDefaultDrainAndGracePeriodFitKubernetesDefaultTerminationGracePeriod() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		Duration drain = new HealthGrpcHealthProperties().getLifecycle().getDrainDelay();
		Duration grace = DurationStyle
			.detectAndParse(this.environment.getProperty("grpc.server.shutdown-grace-period"));
		// 30 s is terminationGracePeriodSeconds' default; keep a margin for the rest of
		// the shutdown (deregistration, other beans)
		assertThat(drain.plus(grace)).isEqualTo(Duration.ofSeconds(25)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void withSpringCloudConsulClientsResolvePassingInstancesAndStartupDoesNotWaitForTheAgent() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("spring.cloud.consul.discovery.query-passing")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.cloud.consul.discovery.fail-fast")).isEqualTo("false");
	}

	@Test
	void theUsersConsulSettingsWin() {
		MockEnvironment configured = new MockEnvironment()
			.withProperty("spring.cloud.consul.discovery.query-passing", "false")
			.withProperty("spring.cloud.consul.discovery.fail-fast", "true");
		this.processor.postProcessEnvironment(configured, new SpringApplication());
		assertThat(configured.getProperty("spring.cloud.consul.discovery.query-passing")).isEqualTo("false");
		assertThat(configured.getProperty("spring.cloud.consul.discovery.fail-fast")).isEqualTo("true");
	}

	@Test
	void theUsersDefaultPropertiesWinToo() {
		// Boot moves its default properties last after the post-processors ran: ours
		// must not end up above them
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("grpc.server.shutdown-grace-period=45s", "spring.cloud.consul.discovery.query-passing=false",
					"spring.cloud.consul.discovery.fail-fast=true")
			.run()) {
			assertThat(context.getEnvironment().getProperty("grpc.server.shutdown-grace-period")).isEqualTo("45s");
			assertThat(context.getEnvironment().getProperty("spring.cloud.consul.discovery.query-passing"))
				.isEqualTo("false");
			assertThat(context.getEnvironment().getProperty("spring.cloud.consul.discovery.fail-fast"))
				.isEqualTo("true");
			assertThat(context.getEnvironment().getProperty("grpc.server.health-service-enabled")).isEqualTo("false");
		}
	}

	@Test
	void consulDefaultsStayAwayWhenOurConsulSupportIsOffOrAbsent() {
		for (String off : new String[] { "health-grpc.consul.enabled", "health-grpc.enabled" }) {
			MockEnvironment environment = new MockEnvironment().withProperty(off, "false");
			this.processor.postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getProperty("spring.cloud.consul.discovery.query-passing")).as(off).isNull();
		}
		SpringApplication withoutConsul = new SpringApplication();
		withoutConsul.setResourceLoader(
				new DefaultResourceLoader(new FilteredClassLoader("org.springframework.cloud.consul.discovery")));
		this.processor.postProcessEnvironment(this.environment, withoutConsul);
		assertThat(this.environment.getProperty("spring.cloud.consul.discovery.query-passing")).isNull();
		// health-grpc's other defaults still apply
		assertThat(this.environment.getProperty("grpc.server.health-service-enabled")).isEqualTo("false");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	@EnableAutoConfiguration(exclude = HealthGrpcHealthAutoConfiguration.class)
	static class ExcludingApplication {

	}

	@SpringBootApplication(excludeName = "io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration")
	static class ExcludingByNameApplication {

	}

	@SpringBootApplication(exclude = HealthGrpcAutoConfiguration.class)
	static class OtherExclusionApplication {

	}

}
