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

import java.time.Duration;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.interceptor.DeadlineServerInterceptor;
import io.github.healthgrpc.interceptor.ErrorResponseFactory;
import io.github.healthgrpc.interceptor.ExceptionStatusMapper;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.github.healthgrpc.interceptor.ExceptionStatusServerInterceptor;
import io.github.healthgrpc.interceptor.InterceptorEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.grpc.ManagedChannelBuilder;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HealthGrpcInterceptorsAutoConfiguration} and
 * {@link HealthGrpcClientAutoConfiguration}.
 *
 * @author health-grpc authors
 */
class HealthGrpcInterceptorsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
				HealthGrpcInterceptorsAutoConfiguration.class, HealthGrpcClientAutoConfiguration.class));

	@Test
	void byDefaultConfiguresBothServerInterceptorsAndTheClientDeadline() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ExceptionStatusServerInterceptor.class);
			assertThat(context).hasSingleBean(DeadlineServerInterceptor.class);
			assertThat(context).hasSingleBean(ErrorResponseFactory.class);
			assertThat(context).getBean(InterceptorEventListener.class).isSameAs(InterceptorEventListener.NONE);
			assertThat(context).hasSingleBean(GrpcChannelConfigurer.class);
			assertThat(context.getBeanNamesForAnnotation(GrpcGlobalServerInterceptor.class))
				.containsExactlyInAnyOrder("healthGrpcExceptionInterceptor", "healthGrpcDeadlineInterceptor");
		});
	}

	@Test
	void whenMasterSwitchIsOffConfiguresNothing() {
		this.runner.withPropertyValues("health-grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExceptionStatusServerInterceptor.class)
				.doesNotHaveBean(DeadlineServerInterceptor.class)
				.doesNotHaveBean(GrpcChannelConfigurer.class));
	}

	@Test
	void exceptionsCanBeTurnedOff() {
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExceptionStatusServerInterceptor.class)
				.hasSingleBean(DeadlineServerInterceptor.class));
	}

	@Test
	void deadlinesCanBeTurnedOff() {
		this.runner.withPropertyValues("health-grpc.interceptors.deadlines.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeadlineServerInterceptor.class)
				.hasSingleBean(ExceptionStatusServerInterceptor.class));
	}

	@Test
	void clientDeadlinesCanBeTurnedOff() {
		this.runner.withPropertyValues("health-grpc.client.deadlines.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcChannelConfigurer.class));
	}

	@Test
	void withoutNetDevhServerConfiguresNoServerInterceptor() {
		this.runner.withClassLoader(new FilteredClassLoader(GrpcGlobalServerInterceptor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExceptionStatusServerInterceptor.class)
				.hasSingleBean(GrpcChannelConfigurer.class));
	}

	@Test
	void withoutNetDevhClientConfiguresNoClientDeadline() {
		this.runner.withClassLoader(new FilteredClassLoader(GrpcChannelConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcChannelConfigurer.class));
	}

	@Test
	void withAMeterRegistryCountsInMicrometer() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).getBean(InterceptorEventListener.class)
				.isInstanceOf(MicrometerInterceptorEventListener.class));
	}

	@Test
	void userInterceptorsWin() {
		ExceptionStatusServerInterceptor mine = mock(ExceptionStatusServerInterceptor.class);
		this.runner.withBean(ExceptionStatusServerInterceptor.class, () -> mine)
			.run((context) -> assertThat(context).getBean(ExceptionStatusServerInterceptor.class).isSameAs(mine));
	}

	@Test
	void mapperBeansAreAskedBeforeTheConfiguredTableWhichWinsOverTheDefaults() {
		this.runner
			.withPropertyValues("health-grpc.interceptors.exceptions.mapping[java.lang.IllegalStateException]=ABORTED")
			.withBean(ExceptionStatusMapper.class,
					() -> (ex) -> (ex instanceof IllegalArgumentException) ? Status.Code.NOT_FOUND : null)
			.run((context) -> {
				ExceptionStatusServerInterceptor interceptor = context.getBean(ExceptionStatusServerInterceptor.class);
				assertThat(statusOf(interceptor, new IllegalArgumentException("x"))).isEqualTo(Status.Code.NOT_FOUND);
				assertThat(statusOf(interceptor, new IllegalStateException("x"))).isEqualTo(Status.Code.ABORTED);
				assertThat(statusOf(interceptor, new UnsupportedOperationException()))
					.isEqualTo(Status.Code.UNIMPLEMENTED);
			});
	}

	private static Status.Code statusOf(ExceptionStatusServerInterceptor interceptor, RuntimeException exception)
			throws Exception {
		String name = InProcessServerBuilder.generateName();
		Server server = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(ServerInterceptors.intercept(new CallsGrpc.CallsImplBase() {

				@Override
				public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					throw exception;
				}

			}, interceptor))
			.build()
			.start();
		ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		try {
			CallsGrpc.newBlockingStub(channel).unary(EchoRequest.getDefaultInstance());
			return Status.Code.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode();
		}
		finally {
			channel.shutdownNow();
			server.shutdownNow();
		}
	}

	@Test
	void theClientConfigurerUsesTheClientsOwnDeadlineOrTheGlobalOne() {
		this.runner
			.withPropertyValues("health-grpc.client.deadlines.default-timeout=5s",
					"health-grpc.client.deadlines.clients.orders.default-timeout=200ms")
			.run((context) -> {
				HealthGrpcClientProperties properties = context.getBean(HealthGrpcClientProperties.class);
				assertThat(properties.getDeadlines().getClients().get("orders").getDefaultTimeout())
					.isEqualTo(Duration.ofMillis(200));
				ManagedChannelBuilder<?> builder = mock(ManagedChannelBuilder.class);
				context.getBean(GrpcChannelConfigurer.class).accept(builder, "orders");
				then(builder).should().intercept(org.mockito.ArgumentMatchers.any(io.grpc.ClientInterceptor.class));
			});
	}

	@Test
	void anUnknownExceptionClassFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.mapping[com.example.Missing]=NOT_FOUND")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("health-grpc.interceptors.exceptions.mapping[com.example.Missing]")
				.hasMessageContaining("No class named"));
	}

	@Test
	void aClassThatIsNoExceptionFailsStartup() {
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.mapping[java.lang.String]=NOT_FOUND")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("is not an exception type"));
	}

	@Test
	void anUnknownCodeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.mapping[java.io.IOException]=NOT_FUND")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health-grpc.interceptors.exceptions.mapping[java.io.IOException]")
				.hasMessageContaining("Not a gRPC error code"));
	}

	@Test
	void aNegativeDeadlineFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.interceptors.deadlines.default-timeout=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(io.github.healthgrpc.autoconfigure.StartupFailures.describe(failure))
					.contains("Property: health-grpc.interceptors.deadlines.default-timeout")
					.contains("must be positive")));
	}

	@Test
	void aNegativeClientDeadlineFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.client.deadlines.clients.orders.default-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(io.github.healthgrpc.autoconfigure.StartupFailures.describe(failure))
					.contains("Property: health-grpc.client.deadlines.clients[orders].default-timeout")));
	}

}
