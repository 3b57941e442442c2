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

package io.github.healthgrpc.autoconfigure.interceptor;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties;
import io.github.healthgrpc.interceptor.DownstreamStatusClientInterceptor;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of health-grpc's client defaults on net.devh's channels: a default
 * deadline for unary calls, and the mark on failed calls' statuses that keeps a
 * downstream's details from this server's own callers.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		beforeName = "net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass(GrpcChannelConfigurer.class)
@EnableConfigurationProperties(HealthGrpcClientProperties.class)
public class HealthGrpcClientAutoConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = HealthGrpcClientProperties.PREFIX, name = "deadlines.enabled",
			matchIfMissing = true)
	GrpcChannelConfigurer healthGrpcDefaultDeadlineConfigurer(HealthGrpcClientProperties properties) {
		return new DefaultDeadlineChannelConfigurer(properties.getDeadlines());
	}

	/**
	 * Marks the statuses of failed calls, so that the exception interceptor keeps a
	 * downstream's description and trailers from this server's callers.
	 */
	@Bean
	@ConditionalOnProperty(prefix = HealthGrpcInterceptorsProperties.PREFIX, name = "exceptions.enabled",
			matchIfMissing = true)
	GrpcChannelConfigurer healthGrpcDownstreamStatusConfigurer() {
		DownstreamStatusClientInterceptor interceptor = new DownstreamStatusClientInterceptor();
		return (builder, name) -> builder.intercept(interceptor);
	}

}
