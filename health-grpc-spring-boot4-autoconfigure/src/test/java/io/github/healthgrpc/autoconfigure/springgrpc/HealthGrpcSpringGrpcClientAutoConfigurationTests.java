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

package io.github.healthgrpc.autoconfigure.springgrpc;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.client.ClientServiceConfig;
import io.github.healthgrpc.client.OutlierDetection;
import io.github.healthgrpc.client.actuate.SeparateHealthGroup;
import io.github.healthgrpc.client.downstream.DownstreamChecks;
import io.github.healthgrpc.interceptor.DefaultDeadlineClientInterceptor;
import io.github.healthgrpc.interceptor.DownstreamStatusClientInterceptor;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientDefaultServiceConfigCustomizer;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.interceptor.DefaultDeadlineSetupClientInterceptor;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HealthGrpcSpringGrpcClientAutoConfiguration}: health-grpc's client
 * settings on Spring gRPC's channels, composed with Spring Boot's own. Each channel is
 * customized the way Spring Boot customizes it (its own channel builder customizers,
 * health-grpc's among them, and the default service config), on a mock builder that
 * records what it got.
 *
 * @author health-grpc authors
 */
class HealthGrpcSpringGrpcClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HealthGrpcAutoConfiguration.class, HealthGrpcSpringGrpcClientAutoConfiguration.class,
					GrpcClientAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void theDownstreamContributorOnlyWhenAChannelAsksForItAndTheHealthModuleIsThere() {
		ApplicationContextRunner asked = this.runner
			.withPropertyValues("health-grpc.client.channels.backends.health-indicator.enabled=true");
		asked.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(DownstreamChecks.class)
			.hasBean("grpcDownstreamHealthContributor")
			.hasSingleBean(SeparateHealthGroup.class));
		asked.withPropertyValues("management.health.grpc-downstream.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DownstreamChecks.class)
				.doesNotHaveBean("grpcDownstreamHealthContributor"));
		asked.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownstreamChecks.class));
		asked.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DownstreamChecks.class)
				.doesNotHaveBean(SeparateHealthGroup.class));
		asked.withPropertyValues("health-grpc.client.health-indicator.counts-in-root-status=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DownstreamChecks.class)
				.doesNotHaveBean(SeparateHealthGroup.class));
		this.runner.withPropertyValues("health-grpc.client.channels.backends.retry.methods=*")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownstreamChecks.class));
	}

	@Test
	void everyPartIsThereByDefaultAndGoneWithHealthGrpcOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean("healthGrpcDefaultDeadlineCustomizer")
				.hasBean("healthGrpcDownstreamStatusCustomizer")
				.hasBean("healthGrpcRetryCustomizer")
				.hasSingleBean(GrpcClientDefaultServiceConfigCustomizer.class)
				.hasSingleBean(SpringGrpcClientSettingsCheck.class);
			Built built = build(context, "backend");
			assertThat(built.interceptors()).hasAtLeastOneElementOfType(DefaultDeadlineClientInterceptor.class)
				.hasAtLeastOneElementOfType(DownstreamStatusClientInterceptor.class);
		});
		this.runner.withPropertyValues("health-grpc.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcClientDefaultServiceConfigCustomizer.class)
				.doesNotHaveBean(SpringGrpcClientSettingsCheck.class)
				.getBeans(GrpcChannelBuilderCustomizer.class)
				.isEmpty());
	}

	@Test
	void withoutSpringGrpcsClientNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(GrpcChannelBuilderCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpringGrpcClientSettingsCheck.class)
				.doesNotHaveBean("healthGrpcRetryCustomizer"));
		this.runner.withClassLoader(new FilteredClassLoader(GrpcClientDefaultServiceConfigCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SpringGrpcClientSettingsCheck.class));
	}

	@Test
	void defaultDeadlinesAndTheDownstreamMarkHaveTheirSwitches() {
		this.runner.withPropertyValues("health-grpc.client.deadlines.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("healthGrpcDefaultDeadlineCustomizer");
			assertThat(build(context, "backend").interceptors())
				.doesNotHaveAnyElementsOfTypes(DefaultDeadlineClientInterceptor.class);
		});
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("healthGrpcDownstreamStatusCustomizer");
			assertThat(build(context, "backend").interceptors())
				.doesNotHaveAnyElementsOfTypes(DownstreamStatusClientInterceptor.class);
		});
	}

	@Test
	void theMostSpecificDeadlineWinsAndHealthGrpcsAtTheSameLevel() {
		this.runner
			.withPropertyValues("health-grpc.client.deadlines.clients.both.default-timeout=3s",
					"spring.grpc.client.channel.both.default.deadline=20s",
					"spring.grpc.client.channel.boots.default.deadline=20s",
					"health-grpc.client.deadlines.clients.ours.default-timeout=3s")
			.run((context) -> {
				SpringGrpcDefaultDeadlines<?> deadlines = deadlines(context);
				assertThat(deadlines.timeout("both")).isEqualTo(Duration.ofSeconds(3));
				assertThat(deadlines.timeout("ours")).isEqualTo(Duration.ofSeconds(3));
				// Spring Boot's interceptor alone, then
				assertThat(deadlines.timeout("boots")).isNull();
				assertThat(build(context, "boots").interceptors())
					.hasAtLeastOneElementOfType(DefaultDeadlineSetupClientInterceptor.class)
					.doesNotHaveAnyElementsOfTypes(DefaultDeadlineClientInterceptor.class);
				// neither: health-grpc's default
				assertThat(deadlines.timeout("other")).isEqualTo(Duration.ofSeconds(30));
			});
		// Spring Boot's entry for every channel beats health-grpc's default, not a value
		// set
		this.runner.withPropertyValues("spring.grpc.client.channel.default.default.deadline=20s")
			.run((context) -> assertThat(deadlines(context).timeout("other")).isNull());
		this.runner
			.withPropertyValues("spring.grpc.client.channel.default.default.deadline=20s",
					"health-grpc.client.deadlines.default-timeout=5s")
			.run((context) -> assertThat(deadlines(context).timeout("other")).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void aChannelWithoutSettingsGetsOutlierDetectionAroundSpringBootsPolicy() {
		this.runner
			.withPropertyValues("spring.grpc.client.channel.lr.default.load-balancing-policy=least_request",
					"spring.grpc.client.channel.one.default.load-balancing-policy=pick_first",
					"spring.grpc.client.channel.local.target=in-process:local")
			.run((context) -> {
				assertThat(build(context, "backend").serviceConfig()).isEqualTo(ClientServiceConfig.builder()
					.outlierDetection("round_robin", OutlierDetection.standard())
					.build());
				assertThat(build(context, "lr").serviceConfig().get("loadBalancingConfig").toString())
					.contains("childPolicy=[{least_request={}}]");
				assertThat(build(context, "one").serviceConfig()).isNull();
				assertThat(build(context, "local").serviceConfig()).isNull();
			});
		this.runner.withPropertyValues("health-grpc.client.channels.backend.outlier-detection.enabled=false")
			.run((context) -> assertThat(build(context, "backend").serviceConfig()).isNull());
	}

	@Test
	void aPolicyOfSpringBootsServiceConfigIsLeftAsItIs() {
		this.runner.withPropertyValues(
				"spring.grpc.client.channel.backend.service-config.loadbalancing[0].pickfirst.shuffle-address-list=true")
			.run((context) -> assertThat(build(context, "backend").serviceConfig())
				.containsOnlyKeys("loadBalancingConfig")
				.extractingByKey("loadBalancingConfig")
				.hasToString("[{pick_first={shuffleAddressList=true}}]"));
	}

	@Test
	void healthGrpcsHealthCheckWinsWhenOnAndSpringBootsStaysOtherwise() {
		this.runner
			.withPropertyValues("spring.grpc.client.channel.boots.health.enabled=true",
					"spring.grpc.client.channel.boots.health.service-name=a",
					"spring.grpc.client.channel.both.health.enabled=true",
					"spring.grpc.client.channel.both.health.service-name=a",
					"health-grpc.client.channels.both.health-check.enabled=true",
					"health-grpc.client.channels.both.health-check.service-name=b")
			.run((context) -> {
				assertThat(build(context, "boots").serviceConfig()).containsEntry("healthCheckConfig",
						Map.of("serviceName", "a"));
				assertThat(build(context, "both").serviceConfig()).containsEntry("healthCheckConfig",
						Map.of("serviceName", "b"));
			});
	}

	@Test
	void healthGrpcsRetriesReplaceSpringBootsForTheMethodsTheyNameAndKeepTheOthers() {
		String method = "spring.grpc.client.channel.backend.service-config.method[0].";
		this.runner
			.withPropertyValues(method + "name[0].service=shop.Cart", method + "name[1].service=shop.Order",
					method + "retry.max-attempts=4", method + "retry.retryable-status-codes=UNAVAILABLE",
					"spring.grpc.client.channel.backend.service-config.retrythrottling.max-tokens=50",
					"spring.grpc.client.channel.backend.service-config.retrythrottling.token-ratio=0.5",
					"health-grpc.client.channels.backend.retry.methods=shop.Cart")
			.run((context) -> {
				Built built = build(context, "backend");
				List<?> methods = (List<?>) built.serviceConfig().get("methodConfig");
				assertThat(methods).hasSize(2);
				assertThat(methods.get(0)).hasToString(
						"{name=[{service=shop.Order}], retryPolicy={maxAttempts=4, retryableStatusCodes=[UNAVAILABLE]}}");
				assertThat(methods.get(1).toString()).contains("name=[{service=shop.Cart}]")
					.contains("maxAttempts=3.0");
				assertThat(built.serviceConfig()).containsEntry("retryThrottling",
						Map.of("maxTokens", 10.0, "tokenRatio", 0.1));
				assertThat(built.retriesEnabled()).isTrue();
			});
		// without retries of health-grpc's, Spring Boot's methods and throttling stay
		this.runner
			.withPropertyValues(method + "name[0].service=shop.Cart", method + "retry.max-attempts=4",
					method + "retry.retryable-status-codes=UNAVAILABLE",
					"spring.grpc.client.channel.backend.service-config.retrythrottling.max-tokens=50",
					"spring.grpc.client.channel.backend.service-config.retrythrottling.token-ratio=0.5")
			.run((context) -> {
				Built built = build(context, "backend");
				assertThat(built.serviceConfig().get("methodConfig").toString()).contains("maxAttempts=4");
				assertThat(built.serviceConfig()).containsEntry("retryThrottling",
						Map.of("maxTokens", "50.0", "tokenRatio", "0.5"));
				assertThat(built.retriesEnabled()).isFalse();
			});
	}

	@Test
	void aMisspelledPolicyFailsStartupNamingSpringBootsProperty() {
		this.runner.withPropertyValues("spring.grpc.client.channel.backend.default.load-balancing-policy=least-request")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith(
						"spring.grpc.client.channel.backend.default.load-balancing-policy is 'least-request'")
				.hasMessageContaining("least_request, least_request_all")
				.hasMessageContaining("round_robin, weighted"));
		this.runner
			.withPropertyValues("health-grpc.enabled=false",
					"spring.grpc.client.channel.backend.default.load-balancing-policy=least-request")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "pick_first", "round_robin", "random", "least_request", "least_request_all", "weighted" })
	void everyPolicyTheRegistryHasStarts(String policy) {
		this.runner
			.withPropertyValues("spring.grpc.client.channel.backend.default.load-balancing-policy=" + policy,
					"spring.grpc.client.channel.backend.target=static://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				GrpcChannelFactory netty = context.getBeansOfType(GrpcChannelFactory.class)
					.values()
					.stream()
					.filter((factory) -> factory.supports("backend"))
					.findFirst()
					.orElseThrow();
				assertThat(netty.createChannel("backend")).isNotNull();
			});
	}

	@Test
	void healthGrpcSettingsForEveryClientAreRefusedNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.client.channels.GLOBAL.health-check.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("health-grpc.client.channels.GLOBAL is not supported")
				.hasMessageContaining("health-grpc.client.channels.<name>"));
	}

	@Test
	void badSettingsFailAtStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.client.channels.backend.retry.max-attempts=9")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("channels[backend].retry.max-attempts"));
	}

	private static SpringGrpcDefaultDeadlines<?> deadlines(AssertableApplicationContext context) {
		return (SpringGrpcDefaultDeadlines<?>) context.getBean("healthGrpcDefaultDeadlineCustomizer");
	}

	/**
	 * Customize a mock builder for the target as Spring Boot's channel factories do, and
	 * return what it got.
	 */
	static Built build(AssertableApplicationContext context, String target) throws Exception {
		ManagedChannelBuilder<?> builder = mock(ManagedChannelBuilder.class);
		// Spring Boot's composition of every customizer, its own and the beans
		Object customizers = context.getBean("grpcDefaultServicesChannelBuilderCustomizer");
		Method apply = customizers.getClass().getDeclaredMethod("apply", String.class, ManagedChannelBuilder.class);
		ReflectionUtils.makeAccessible(apply);
		apply.invoke(customizers, target, builder);
		Map<String, Object> serviceConfig = null;
		List<ClientInterceptor> interceptors = new ArrayList<>();
		boolean retries = false;
		for (Invocation invocation : Mockito.mockingDetails(builder).getInvocations()) {
			switch (invocation.getMethod().getName()) {
				case "defaultServiceConfig" -> serviceConfig = cast(invocation.getArgument(0));
				case "intercept" -> Arrays.stream(invocation.getArguments())
					.flatMap((argument) -> (argument instanceof List<?> list) ? list.stream()
							: java.util.stream.Stream.of(argument))
					.filter(ClientInterceptor.class::isInstance)
					.map(ClientInterceptor.class::cast)
					.forEach(interceptors::add);
				case "enableRetry" -> retries = true;
				default -> {
				}
			}
		}
		return new Built(serviceConfig, interceptors, retries);
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	/**
	 * What a channel builder got.
	 *
	 * @param serviceConfig its default service config, {@code null} for none
	 * @param interceptors its interceptors, in the order they were added
	 * @param retriesEnabled whether retries were turned on
	 */
	record Built(Map<String, Object> serviceConfig, List<ClientInterceptor> interceptors, boolean retriesEnabled) {

	}

}
