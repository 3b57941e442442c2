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
import net.devh.boot.grpc.server.advice.GrpcAdvice;
import net.devh.boot.grpc.server.advice.GrpcExceptionHandler;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The kit's application on the Spring Boot 3.5 line: services as net.devh
 * {@code @GrpcService}s, Actuator 3.5 indicators, a net.devh {@code @GrpcAdvice}.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KitApplication {

	/**
	 * The server on a port the system picks.
	 */
	public static final String PORT_ZERO = "grpc.server.port=0";

	/**
	 * The server on loopback only.
	 */
	public static final String LOOPBACK = "grpc.server.address=127.0.0.1";

	/**
	 * The integration's wait for running calls when the server stops.
	 */
	public static final String GRACE_PERIOD = "grpc.server.shutdown-grace-period";

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

	@GrpcService
	EchoGrpc.EchoImplBase echoService() {
		return new EchoGrpc.EchoImplBase() {
		};
	}

	@GrpcService
	OtherGrpc.OtherImplBase otherService() {
		return new OtherGrpc.OtherImplBase() {
		};
	}

	@GrpcService
	KitCallsService callsService() {
		return new KitCallsService();
	}

	/**
	 * The application's own handler of one exception (a member class of the
	 * configuration: registered as a component).
	 */
	@GrpcAdvice
	public static class ArithmeticAdvice {

		@GrpcExceptionHandler(ArithmeticException.class)
		public Status arithmetic(ArithmeticException ex) {
			return Status.OUT_OF_RANGE.withDescription(HANDLER_DESCRIPTION);
		}

	}

}
