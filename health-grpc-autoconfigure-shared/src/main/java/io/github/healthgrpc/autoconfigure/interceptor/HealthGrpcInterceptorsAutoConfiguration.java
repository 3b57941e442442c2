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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcInterceptorsProperties.Deadlines;
import io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor;
import io.github.healthgrpc.interceptor.DeadlinePolicies;
import io.github.healthgrpc.interceptor.DeadlinePolicy;
import io.github.healthgrpc.interceptor.DeadlineServerInterceptor;
import io.github.healthgrpc.interceptor.ErrorResponseFactory;
import io.github.healthgrpc.interceptor.ExceptionStatusMapper;
import io.github.healthgrpc.interceptor.ExceptionStatusServerInterceptor;
import io.github.healthgrpc.interceptor.HealthGrpcInterceptorOrder;
import io.github.healthgrpc.interceptor.InterceptorEventListener;
import io.github.healthgrpc.interceptor.OuterExceptionHandler;
import io.github.healthgrpc.server.ServerInterceptorRegistration;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of health-grpc's global server interceptors: exceptions to statuses
 * ({@link HealthGrpcInterceptorOrder#EXCEPTIONS}) and deadlines
 * ({@link HealthGrpcInterceptorOrder#DEADLINES}). Each is a bean of its own (a user's
 * bean of its type wins) and a {@link ServerInterceptorRegistration} that the gRPC
 * integration's adapter applies to every service.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"net.devh.boot.grpc.server.autoconfigure.GrpcAdviceAutoConfiguration",
				"org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration" },
		beforeName = "net.devh.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass(ServerInterceptor.class)
@EnableConfigurationProperties(HealthGrpcInterceptorsProperties.class)
@Import({ HealthGrpcInterceptorsAutoConfiguration.MicrometerEventsConfiguration.class,
		HealthGrpcInterceptorsAutoConfiguration.ExceptionsConfiguration.class,
		HealthGrpcInterceptorsAutoConfiguration.DeadlinesConfiguration.class })
public class HealthGrpcInterceptorsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InterceptorEventListener healthGrpcNoInterceptorEvents() {
		return InterceptorEventListener.NONE;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MicrometerEventsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InterceptorEventListener healthGrpcInterceptorEventListener(MeterRegistry registry) {
			return new MicrometerInterceptorEventListener(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = HealthGrpcInterceptorsProperties.PREFIX, name = "exceptions.enabled",
			matchIfMissing = true)
	static class ExceptionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ErrorResponseFactory healthGrpcErrorResponseFactory(HealthGrpcInterceptorsProperties properties,
				Environment environment) {
			HealthGrpcInterceptorsProperties.Exceptions exceptions = properties.getExceptions();
			String domain = (exceptions.getDomain() != null) ? exceptions.getDomain()
					: environment.getProperty("spring.application.name", "grpc");
			return new ErrorResponseFactory(domain, exceptions.getMaxDescriptionLength(), exceptions.getRetryDelay());
		}

		@Bean
		@ConditionalOnMissingBean
		ExceptionStatusServerInterceptor healthGrpcExceptionInterceptor(HealthGrpcInterceptorsProperties properties,
				ObjectProvider<ExceptionStatusMapper> userMappers, ErrorResponseFactory responses,
				ObjectProvider<OuterExceptionHandler> outer, InterceptorEventListener events) {
			ClassLoader classLoader = getClass().getClassLoader();
			List<ExceptionStatusMapper> mappers = new ArrayList<>(userMappers.orderedStream().toList());
			mappers.add(ExceptionStatusMapper.of(ExceptionMappingTable.of(properties.getExceptions().getMapping(),
					ExceptionStatusMapper.defaultTable(classLoader), classLoader)));
			// the user's own handlers of the integration (net.devh's @GrpcAdvice, Spring
			// gRPC's GrpcExceptionHandler beans) win: their exceptions travel on to the
			// integration's exception interceptor, outside this one
			OuterExceptionHandler handler = outer.getIfAvailable(() -> OuterExceptionHandler.NONE);
			return new ExceptionStatusServerInterceptor(ExceptionStatusMapper.firstOf(mappers), responses,
					handler::handles, events, properties.getExceptions().isPropagateDownstreamStatus(),
					properties.getExceptions().isDownstreamRetryPushback());
		}

		@Bean
		ServerInterceptorRegistration healthGrpcExceptionInterceptorRegistration(
				ExceptionStatusServerInterceptor interceptor) {
			// health RPCs go past it: health-grpc's Health service throws nothing to map,
			// and probes, the most frequent calls, then carry no wrappers (48 B per call,
			// held for as long as a Watch stream is open)
			return new ServerInterceptorRegistration(new HealthExemptServerInterceptor(interceptor),
					HealthGrpcInterceptorOrder.EXCEPTIONS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = HealthGrpcInterceptorsProperties.PREFIX, name = "deadlines.enabled",
			matchIfMissing = true)
	static class DeadlinesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeadlineServerInterceptor healthGrpcDeadlineInterceptor(HealthGrpcInterceptorsProperties properties,
				InterceptorEventListener events) {
			Deadlines deadlines = properties.getDeadlines();
			Map<String, DeadlinePolicy> overrides = new LinkedHashMap<>();
			deadlines.getMethods()
				.forEach((name, method) -> overrides.put(name,
						new DeadlinePolicy(method.getDefaultTimeout(), method.getMaxTimeout())));
			DeadlinePolicies policies = new DeadlinePolicies(
					new DeadlinePolicy(deadlines.getDefaultTimeout(), deadlines.getMaxTimeout()), overrides);
			return DeadlineServerInterceptor.withOwnScheduler(policies, deadlines.getMinTimeRemaining(), events);
		}

		@Bean
		ServerInterceptorRegistration healthGrpcDeadlineInterceptorRegistration(DeadlineServerInterceptor interceptor) {
			return new ServerInterceptorRegistration(interceptor, HealthGrpcInterceptorOrder.DEADLINES);
		}

	}

}
