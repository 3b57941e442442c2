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
package io.github.healthgrpc.kit;

import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.OtherGrpc;
import io.grpc.Status;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.advice.GrpcAdvice;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * The kit's application on the Spring Boot 4.1 line: services as plain
 * {@code BindableService} beans, Spring Boot 4.1 health indicators, a Spring gRPC
 * {@code @GrpcAdvice}.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KitApplication {

	/**
	 * The server on a port the system picks.
	 */
	public static final String PORT_ZERO = "spring.grpc.server.port=0";

	/**
	 * The server on loopback only.
	 */
	public static final String LOOPBACK = "spring.grpc.server.address=127.0.0.1";

	/**
	 * The integration's wait for running calls when the server stops.
	 */
	public static final String GRACE_PERIOD = "spring.grpc.server.shutdown.grace-period";

	/**
	 * What the application's own exception handler answers for an
	 * {@link ArithmeticException}.
	 */
	public static final String HANDLER_DESCRIPTION = "from the application's handler";

	@Bean
	KitServer kitServer(ObjectProvider<HealthGrpcService> health) {
		return new KitServer(health);
	}

	@Bean
	ControlledHealth controlledHealth() {
		return new ControlledHealth();
	}

	@Bean
	HealthIndicator dbHealthIndicator(ControlledHealth health) {
		return () -> Health.status(health.status("db")).build();
	}

	@Bean
	HealthIndicator cacheHealthIndicator(ControlledHealth health) {
		return () -> Health.status(health.status("cache")).build();
	}

	@Bean
	EchoGrpc.EchoImplBase echoService() {
		return new EchoGrpc.EchoImplBase() {
		};
	}

	@Bean
	OtherGrpc.OtherImplBase otherService() {
		return new OtherGrpc.OtherImplBase() {
		};
	}

	@Bean
	KitCallsService callsService() {
		return new KitCallsService();
	}

	@Bean
	ArithmeticAdvice arithmeticAdvice() {
		return new ArithmeticAdvice();
	}

	/**
	 * The application's own exception handling as users coming from net.devh write it:
	 * Spring gRPC's {@code @GrpcAdvice}, which Spring Boot turns into a
	 * {@link GrpcExceptionHandler} bean. (A plain {@code GrpcExceptionHandler} bean is
	 * tested in {@code HealthGrpcSpringGrpcServerAutoConfigurationTests}.)
	 */
	@GrpcAdvice
	public static class ArithmeticAdvice {

		@org.springframework.grpc.server.advice.GrpcExceptionHandler(ArithmeticException.class)
		public Status arithmetic(ArithmeticException ex) {
			return Status.OUT_OF_RANGE.withDescription(HANDLER_DESCRIPTION);
		}

	}

}
