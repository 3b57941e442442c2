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

import java.time.Duration;
import java.util.function.BiConsumer;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.client.ChannelServiceConfigs;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties;
import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcInterceptorsProperties;
import io.github.healthgrpc.interceptor.DownstreamStatusClientInterceptor;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannelBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientDefaultServiceConfigCustomizer;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;

/**
 * What health-grpc adds to Spring Boot's gRPC channels
 * ({@code spring-boot-starter-grpc-client}): the default deadline of unary calls, each
 * channel's service config (client-side health checking, retries, hedging, their
 * throttling, outlier detection: {@code health-grpc.client.channels.<name>.*}), the mark
 * on failed calls' statuses that keeps a downstream's details from this server's own
 * callers, and a startup check of the configured load-balancing policies. Stubs need
 * nothing here: Spring gRPC makes every kind, {@code *BlockingV2Stub}s too. The
 * load-balancing policies ({@code random}, {@code least_request},
 * {@code least_request_all}, {@code weighted}) need no configuration here either:
 * grpc-java finds them itself.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		beforeName = "org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass({ GrpcChannelBuilderCustomizer.class, GrpcClientDefaultServiceConfigCustomizer.class })
@EnableConfigurationProperties(HealthGrpcClientProperties.class)
@Import(SpringGrpcDownstreamHealthConfiguration.class)
public class HealthGrpcSpringGrpcClientAutoConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = HealthGrpcClientProperties.PREFIX, name = "deadlines.enabled",
			matchIfMissing = true)
	GrpcChannelBuilderCustomizer<?> healthGrpcDefaultDeadlineCustomizer(HealthGrpcClientProperties properties,
			ObjectProvider<GrpcClientProperties> boot, Environment environment) {
		boolean defaultTimeoutSet = Binder.get(environment)
			.bind(HealthGrpcClientProperties.PREFIX + ".deadlines.default-timeout", Duration.class)
			.isBound();
		return new SpringGrpcDefaultDeadlines<>(properties.getDeadlines(), defaultTimeoutSet,
				new BootChannelSettings(boot.getIfAvailable()));
	}

	/**
	 * Marks the statuses of failed calls, so that the exception interceptor keeps a
	 * downstream's description and trailers from this server's callers.
	 */
	@Bean
	@ConditionalOnProperty(prefix = HealthGrpcInterceptorsProperties.PREFIX, name = "exceptions.enabled",
			matchIfMissing = true)
	GrpcChannelBuilderCustomizer<?> healthGrpcDownstreamStatusCustomizer() {
		DownstreamStatusClientInterceptor interceptor = new DownstreamStatusClientInterceptor();
		return customizer((target, builder) -> builder.intercept(interceptor));
	}

	@Bean
	GrpcClientDefaultServiceConfigCustomizer healthGrpcServiceConfigCustomizer(HealthGrpcClientProperties properties,
			ObjectProvider<GrpcClientProperties> boot) {
		return new SpringGrpcServiceConfigCustomizer(new ChannelServiceConfigs(properties.getChannels()),
				new BootChannelSettings(boot.getIfAvailable()));
	}

	/**
	 * Turns retries on for channels that retry or hedge: in-process channels start with
	 * them off.
	 */
	@Bean
	GrpcChannelBuilderCustomizer<?> healthGrpcRetryCustomizer(HealthGrpcClientProperties properties) {
		ChannelServiceConfigs configs = new ChannelServiceConfigs(properties.getChannels());
		return customizer((target, builder) -> {
			if (configs.retries(target)) {
				builder.enableRetry();
			}
		});
	}

	private static <T extends ManagedChannelBuilder<T>> GrpcChannelBuilderCustomizer<T> customizer(
			BiConsumer<String, ManagedChannelBuilder<?>> customization) {
		return customization::accept;
	}

	// static: a post-processor, created before the other beans
	@Bean
	static SpringGrpcClientSettingsCheck healthGrpcClientSettingsCheck() {
		return new SpringGrpcClientSettingsCheck(LoadBalancerRegistry.getDefaultRegistry());
	}

}
