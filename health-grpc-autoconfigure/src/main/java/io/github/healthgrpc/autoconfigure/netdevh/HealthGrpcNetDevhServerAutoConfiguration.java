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
package io.github.healthgrpc.autoconfigure.netdevh;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.LegacyHealthGrpcService;
import io.github.healthgrpc.interceptor.OuterExceptionHandler;
import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.GrpcServerListener;
import io.github.healthgrpc.server.ServerInterceptorRegistration;
import io.grpc.BindableService;
import net.devh.boot.grpc.server.advice.GrpcExceptionHandlerMethodResolver;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorConfigurer;
import net.devh.boot.grpc.server.scope.GrpcRequestScope;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The net.devh side of the seam that health-grpc's features are written against: the
 * server as configured ({@link ConfiguredGrpcServer}), its start and stop
 * ({@link GrpcServerListener}), the features' global server interceptors
 * ({@link ServerInterceptorRegistration}), the application's {@code @GrpcAdvice} handlers
 * ({@link OuterExceptionHandler}) and the Health services as {@code @GrpcService}s;
 * health RPCs go past net.devh's {@code grpcRequest} scope unless
 * {@code health-grpc.health.request-scope.enabled} is true.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		afterName = { "io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration",
				"io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcInterceptorsAutoConfiguration",
				"net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass(GrpcServerProperties.class)
public class HealthGrpcNetDevhServerAutoConfiguration {

	@Bean
	GlobalServerInterceptorConfigurer healthGrpcServerInterceptors(
			ObjectProvider<ServerInterceptorRegistration> registrations) {
		// ordered by net.devh among the rest: each registration is Ordered
		return (interceptors) -> registrations.orderedStream().forEach(interceptors::add);
	}

	@Bean
	OuterExceptionHandler healthGrpcGrpcAdviceHandlers(ObjectProvider<GrpcExceptionHandlerMethodResolver> advice) {
		GrpcExceptionHandlerMethodResolver resolver = advice.getIfAvailable();
		return (resolver != null) ? (exception) -> resolver.isMethodMappedForException(exception.getClass())
				: OuterExceptionHandler.NONE;
	}

	/**
	 * The server, when net.devh's server auto-configuration runs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(GrpcServerProperties.class)
	static class ServerConfiguration {

		@Bean
		ConfiguredGrpcServer healthGrpcConfiguredServer(GrpcServerProperties properties) {
			return new NetDevhConfiguredServer(properties);
		}

		@Bean
		NetDevhServerEvents healthGrpcNetDevhServerEvents(ObjectProvider<GrpcServerListener> listeners,
				GrpcServerProperties properties) {
			return new NetDevhServerEvents(listeners, properties);
		}

	}

	/**
	 * Health RPCs past net.devh's request scope: a {@code Context} and listener per call
	 * (and per open Watch stream) that no health RPC uses.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GrpcRequestScope.class)
	@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "request-scope.enabled",
			havingValue = "false", matchIfMissing = true)
	static class RequestScopeConfiguration {

		@Bean
		GlobalServerInterceptorConfigurer healthGrpcHealthExemptRequestScope() {
			return new HealthExemptRequestScopeConfigurer();
		}

	}

	/**
	 * net.devh serves only {@code @GrpcService} beans: the Health services are made known
	 * to it here, whichever bean (health-grpc's or the application's) they are.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GrpcService.class)
	static class HealthServicesConfiguration {

		@GrpcService
		@ConditionalOnBean(HealthGrpcService.class)
		BindableService healthGrpcServiceRegistration(HealthGrpcService service) {
			return service::bindService;
		}

		@GrpcService
		@ConditionalOnBean(LegacyHealthGrpcService.class)
		BindableService healthGrpcLegacyServiceRegistration(LegacyHealthGrpcService service) {
			return service::bindService;
		}

	}

}
