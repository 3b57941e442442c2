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

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import io.github.healthgrpc.interceptor.OuterExceptionHandler;
import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.GrpcServerListener;
import io.github.healthgrpc.server.ServerInterceptorRegistration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * The Spring gRPC side of the seam that health-grpc's features are written against: the
 * server as configured ({@link ConfiguredGrpcServer}), its start and stop
 * ({@link GrpcServerListener}), the features' global server interceptors
 * ({@link ServerInterceptorRegistration}, as {@code @GlobalServerInterceptor}s), and the
 * application's {@link GrpcExceptionHandler}s ({@link OuterExceptionHandler}). The Health
 * services need nothing here: Spring gRPC serves every {@code BindableService} bean.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(after = HealthGrpcAutoConfiguration.class,
		afterName = { "io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration",
				"io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcInterceptorsAutoConfiguration",
				"org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass(GrpcServerFactory.class)
public class HealthGrpcSpringGrpcServerAutoConfiguration {

	@Bean
	static GlobalServerInterceptorRegistrar healthGrpcGlobalServerInterceptorRegistrar() {
		return new GlobalServerInterceptorRegistrar();
	}

	/**
	 * Health RPCs go past Spring gRPC's exception handler interceptor where health-grpc
	 * serves the Health service.
	 * @return the post-processor
	 */
	@Bean
	@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "enabled", matchIfMissing = true)
	static HealthExemptExceptionHandlerPostProcessor healthGrpcHealthExemptExceptionHandler() {
		return new HealthExemptExceptionHandlerPostProcessor();
	}

	@Bean
	OuterExceptionHandler healthGrpcGrpcExceptionHandlers(ObjectProvider<GrpcExceptionHandler> handlers) {
		return new SpringGrpcExceptionHandlers(handlers);
	}

	/**
	 * The server, when Spring Boot's gRPC server auto-configuration runs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GrpcServerProperties.class)
	@ConditionalOnBean(GrpcServerProperties.class)
	static class ServerConfiguration {

		@Bean
		ConfiguredGrpcServer healthGrpcConfiguredServer(GrpcServerProperties properties,
				ObjectProvider<SslBundles> bundles) {
			return new SpringGrpcConfiguredServer(properties, bundles.getIfAvailable());
		}

		@Bean
		SpringGrpcServerEvents healthGrpcSpringGrpcServerEvents(ObjectProvider<GrpcServerListener> listeners,
				ConfiguredGrpcServer server) {
			return new SpringGrpcServerEvents(listeners, server);
		}

	}

}
