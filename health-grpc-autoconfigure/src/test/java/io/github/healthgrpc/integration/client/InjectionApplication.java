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

package io.github.healthgrpc.integration.client;

import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;
import net.devh.boot.grpc.client.inject.GrpcClientBean;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Service;

/**
 * Every way an application gets the Health stubs of the client named {@code backends}:
 * fields, a constructor, and {@code @GrpcClientBean}; and a plain service that asks a
 * dependency's health before calling it.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ InjectionApplication.FieldInjected.class, InjectionApplication.ConstructorInjected.class,
		InjectionApplication.HealthStubBean.class, InjectionApplication.GuardedEcho.class })
public class InjectionApplication {

	/**
	 * Every kind of Health stub, in fields.
	 */
	static class FieldInjected {

		@GrpcClient("backends")
		HealthGrpc.HealthBlockingStub blocking;

		@GrpcClient("backends")
		HealthGrpc.HealthStub async;

		@GrpcClient("backends")
		HealthGrpc.HealthFutureStub future;

		@GrpcClient("backends")
		HealthGrpc.HealthBlockingV2Stub blockingV2;

		// the project's stub, the one that has List
		@GrpcClient("backends")
		io.github.healthgrpc.health.v1.HealthGrpc.HealthBlockingStub withList;

	}

	/**
	 * A Health stub through the constructor.
	 */
	static class ConstructorInjected {

		final HealthGrpc.HealthBlockingStub health;

		ConstructorInjected(@GrpcClient("backends") HealthGrpc.HealthBlockingStub health) {
			this.health = health;
		}

	}

	/**
	 * A Health stub as a bean of its own. net.devh registers it while it processes this
	 * configuration bean, so beans that inject it must be created after that one.
	 */
	@Configuration(proxyBeanMethods = false)
	@GrpcClientBean(clazz = HealthGrpc.HealthBlockingStub.class, beanName = "backendsHealth",
			client = @GrpcClient("backends"))
	static class HealthStubBean {

	}

	/**
	 * A plain service that calls the Echo dependency only while its Health service says
	 * SERVING: a dependency that is going away gets no new work, and the caller gets a
	 * clear answer at once.
	 */
	@Service
	static class GuardedEcho {

		private final HealthGrpc.HealthBlockingStub health;

		private final EchoGrpc.EchoBlockingStub echo;

		GuardedEcho(@GrpcClient("backends") HealthGrpc.HealthBlockingStub health,
				@GrpcClient("backends") EchoGrpc.EchoBlockingStub echo) {
			this.health = health;
			this.echo = echo;
		}

		/**
		 * Return the dependency's answer, or {@code "unavailable"} when it is not
		 * SERVING.
		 */
		String echo(String text) {
			ServingStatus status = this.health.withDeadlineAfter(1, TimeUnit.SECONDS)
				.check(HealthCheckRequest.newBuilder().setService("test.v1.Echo").build())
				.getStatus();
			if (status != ServingStatus.SERVING) {
				return "unavailable";
			}
			return this.echo.withDeadlineAfter(2, TimeUnit.SECONDS)
				.echo(io.github.healthgrpc.test.v1.EchoRequest.newBuilder().setText(text).build())
				.getText();
		}

	}

	@Bean
	static ClientApplication.Stubs stubs() {
		return new ClientApplication.Stubs();
	}

}
