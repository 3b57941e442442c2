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
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor;
import io.github.healthgrpc.interceptor.DeadlineServerInterceptor;
import io.github.healthgrpc.interceptor.ErrorResponseFactory;
import io.github.healthgrpc.interceptor.ExceptionStatusMapper;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.github.healthgrpc.interceptor.HealthGrpcInterceptorOrder;
import io.github.healthgrpc.server.ServerInterceptorRegistration;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.github.healthgrpc.interceptor.ExceptionStatusServerInterceptor;
import io.github.healthgrpc.interceptor.InterceptorEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
			assertThat(context.getBeansOfType(GrpcChannelConfigurer.class))
				.containsOnlyKeys("healthGrpcDefaultDeadlineConfigurer", "healthGrpcDownstreamStatusConfigurer");
			// health RPCs go past the exception interceptor: health-grpc's Health
			// service throws nothing to map
			assertThat(context.getBeanProvider(ServerInterceptorRegistration.class).orderedStream())
				.extracting((registration) -> unwrapped(registration.getInterceptor()),
						ServerInterceptorRegistration::getOrder)
				.containsExactly(
						tuple(context.getBean(DeadlineServerInterceptor.class), HealthGrpcInterceptorOrder.DEADLINES),
						tuple(context.getBean(ExceptionStatusServerInterceptor.class),
								HealthGrpcInterceptorOrder.EXCEPTIONS));
			assertThat(context.getBeanProvider(ServerInterceptorRegistration.class).orderedStream())
				.extracting(ServerInterceptorRegistration::getInterceptor)
				.filteredOn(HealthExemptServerInterceptor.class::isInstance)
				.hasSize(1);
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
			.run((context) -> assertThat(context).doesNotHaveBean("healthGrpcDefaultDeadlineConfigurer")
				.hasBean("healthGrpcDownstreamStatusConfigurer"));
	}

	@Test
	void withoutTheExceptionInterceptorChannelsDoNotMarkDownstreamStatuses() {
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("healthGrpcDownstreamStatusConfigurer")
				.hasBean("healthGrpcDefaultDeadlineConfigurer"));
	}

	@Test
	void aMarkedDownstreamStatusKeepsOnlyItsCodeUnlessPropagationIsOn() {
		this.runner
			.run((context) -> assertThat(downstreamDescription(context.getBean(ExceptionStatusServerInterceptor.class)))
				.isEqualTo("UNAVAILABLE"));
		this.runner.withPropertyValues("health-grpc.interceptors.exceptions.propagate-downstream-status=true")
			.run((context) -> assertThat(downstreamDescription(context.getBean(ExceptionStatusServerInterceptor.class)))
				.isEqualTo("refused by 10.0.0.1"));
	}

	private static String downstreamDescription(ExceptionStatusServerInterceptor interceptor) throws Exception {
		io.grpc.Metadata marked = new io.grpc.Metadata();
		marked.put(io.github.healthgrpc.interceptor.DownstreamStatusClientInterceptor.MARKER, "1");
		return outcome(interceptor,
				Status.UNAVAILABLE.withDescription("refused by 10.0.0.1").asRuntimeException(marked))
			.getDescription();
	}

	@Test
	void withoutGrpcConfiguresNoServerInterceptor() {
		this.runner.withClassLoader(new FilteredClassLoader(ServerInterceptor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExceptionStatusServerInterceptor.class)
				.doesNotHaveBean(ServerInterceptorRegistration.class));
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
		return outcome(interceptor, exception).getCode();
	}

	/**
	 * What a client receives from a unary handler that throws, through the interceptor.
	 */
	private static Status outcome(ExceptionStatusServerInterceptor interceptor, RuntimeException exception)
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
			return Status.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus();
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
				GrpcChannelConfigurer configurer = context.getBean("healthGrpcDefaultDeadlineConfigurer",
						GrpcChannelConfigurer.class);
				assertThat(remainingMillis(configurer, "orders")).isBetween(1L, 200L);
				assertThat(remainingMillis(configurer, "inventory")).isBetween(1000L, 5000L);
			});
	}

	/**
	 * The deadline a server sees for a call on a channel that the configurer configured.
	 */
	private static long remainingMillis(GrpcChannelConfigurer configurer, String client) throws Exception {
		String name = InProcessServerBuilder.generateName();
		Server server = InProcessServerBuilder.forName(name).directExecutor().addService(new CallsGrpc.CallsImplBase() {

			@Override
			public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
				io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
				responseObserver.onNext(EchoResponse.newBuilder()
					.setText((deadline != null) ? Long.toString(deadline.timeRemaining(TimeUnit.MILLISECONDS)) : "-1")
					.build());
				responseObserver.onCompleted();
			}

		}).build().start();
		InProcessChannelBuilder builder = InProcessChannelBuilder.forName(name).directExecutor();
		configurer.accept(builder, client);
		ManagedChannel channel = builder.build();
		try {
			return Long.parseLong(CallsGrpc.newBlockingStub(channel).unary(EchoRequest.getDefaultInstance()).getText());
		}
		finally {
			channel.shutdownNow();
			server.shutdownNow();
		}
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

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					health-grpc.interceptors.exceptions.max-description-length=15 | health-grpc.interceptors.exceptions.max-description-length | must be at least 16
					health-grpc.interceptors.exceptions.retry-delay=-1s | health-grpc.interceptors.exceptions.retry-delay | must not be negative
					health-grpc.interceptors.deadlines.default-timeout=0s | health-grpc.interceptors.deadlines.default-timeout | must be positive
					health-grpc.interceptors.deadlines.max-timeout=-2s | health-grpc.interceptors.deadlines.max-timeout | must be positive
					health-grpc.interceptors.deadlines.min-time-remaining=-1ms | health-grpc.interceptors.deadlines.min-time-remaining | must not be negative
					health-grpc.interceptors.deadlines.methods[a.Svc].default-timeout=0s | health-grpc.interceptors.deadlines.methods[a.Svc].default-timeout | must be positive
					health-grpc.interceptors.deadlines.methods[a.Svc/Get].max-timeout=-1s | health-grpc.interceptors.deadlines.methods[a.Svc/Get].max-timeout | must be positive
					health-grpc.client.deadlines.default-timeout=0s | health-grpc.client.deadlines.default-timeout | must be positive
					health-grpc.client.deadlines.clients[orders].default-timeout=-1s | health-grpc.client.deadlines.clients[orders].default-timeout | must be positive
					""")
	void everyInvalidValueFailsStartupNamingItsProperty(String setting, String property, String reason) {
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(io.github.healthgrpc.autoconfigure.StartupFailures.describe(failure))
					.contains("Property: " + property)
					.contains("Reason: " + reason)));
	}

	@Test
	void validValuesAtTheirBoundsStartFine() {
		this.runner
			.withPropertyValues("health-grpc.interceptors.exceptions.max-description-length=16",
					"health-grpc.interceptors.exceptions.retry-delay=0s",
					"health-grpc.interceptors.deadlines.min-time-remaining=0ms",
					"health-grpc.interceptors.deadlines.default-timeout=1ms")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ServerInterceptor unwrapped(ServerInterceptor interceptor) {
		return (interceptor instanceof HealthExemptServerInterceptor exempt) ? exempt.getDelegate() : interceptor;
	}

}
