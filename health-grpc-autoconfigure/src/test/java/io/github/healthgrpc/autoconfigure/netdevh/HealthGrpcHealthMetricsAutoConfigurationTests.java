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

import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.health.grpc.HealthExemptStreamTracerFactory;
import io.grpc.ForwardingServerBuilder;
import io.grpc.ServerBuilder;
import io.grpc.ServerStreamTracer;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcServerInterceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthGrpcHealthMetricsAutoConfiguration}, with net.devh's metric
 * auto-configuration beside it as in an application.
 *
 * @author health-grpc authors
 */
class HealthGrpcHealthMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HealthGrpcAutoConfiguration.class, HealthGrpcHealthMetricsAutoConfiguration.class,
						GrpcServerMetricAutoConfiguration.class, GrpcServerMicrometerTraceAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ObservationRegistry.class, ObservationRegistry::create);

	private static final String OBSERVATION_INTERCEPTOR = "globalObservationGrpcServerInterceptorConfigurer";

	@Test
	void byDefaultHealthRpcsSkipBothKindsOfPerCallMetrics() {
		this.runner.run((context) -> {
			assertThat(context).getBean(MetricCollectingServerInterceptor.class)
				.isInstanceOf(HealthExemptMetricCollectingServerInterceptor.class);
			assertThat(tracerFactoriesAdded(context)).singleElement()
				.isInstanceOf(HealthExemptStreamTracerFactory.class);
			assertThat(context).getBean(OBSERVATION_INTERCEPTOR)
				.isInstanceOf(io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor.class)
				.satisfies((bean) -> assertThat(bean.toString())
					.startsWith("HealthExempt(" + ObservationGrpcServerInterceptor.class.getName()));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "health-grpc.health.metrics.enabled=true", "health-grpc.enabled=false" })
	void whenHealthMetricsAreEnabledOrHealthGrpcIsOffNetDevhsOwnBeansStay(String property) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).getBean(MetricCollectingServerInterceptor.class)
				.isNotInstanceOf(HealthExemptMetricCollectingServerInterceptor.class);
			assertThat(tracerFactoriesAdded(context)).singleElement()
				.isNotInstanceOf(HealthExemptStreamTracerFactory.class);
			assertThat(context).getBean(OBSERVATION_INTERCEPTOR).isInstanceOf(ObservationGrpcServerInterceptor.class);
		});
	}

	@Test
	void theUsersOwnMetricInterceptorIsKept() {
		MetricCollectingServerInterceptor own = new MetricCollectingServerInterceptor(new SimpleMeterRegistry());
		this.runner.withBean("ownMetrics", MetricCollectingServerInterceptor.class, () -> own)
			.run((context) -> assertThat(context).getBean(MetricCollectingServerInterceptor.class).isSameAs(own));
	}

	@Test
	void withoutAMeterRegistryThereIsNoInterceptor() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
					HealthGrpcHealthMetricsAutoConfiguration.class, GrpcServerMetricAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MetricCollectingServerInterceptor.class));
	}

	@Test
	void otherServerConfigurersAreLeftAsTheyAreAndSeeTheRealBuilder() {
		List<Object> seen = new ArrayList<>();
		GrpcServerConfigurer users = seen::add;
		this.runner.withBean("usersConfigurer", GrpcServerConfigurer.class, () -> users).run((context) -> {
			assertThat(context).getBean("usersConfigurer").isSameAs(users);
			NettyServerBuilder builder = NettyServerBuilder.forPort(0);
			context.getBean("usersConfigurer", GrpcServerConfigurer.class).accept(builder);
			assertThat(seen).containsExactly(builder);
		});
	}

	/** The tracer factories net.devh's configurers add to a server builder. */
	private static List<ServerStreamTracer.Factory> tracerFactoriesAdded(AssertableApplicationContext context) {
		RecordingBuilder builder = new RecordingBuilder();
		context.getBeansOfType(GrpcServerConfigurer.class).values().forEach((configurer) -> configurer.accept(builder));
		return builder.tracerFactories;
	}

	private static final class RecordingBuilder extends ForwardingServerBuilder<RecordingBuilder> {

		private final List<ServerStreamTracer.Factory> tracerFactories = new ArrayList<>();

		private final NettyServerBuilder delegate = NettyServerBuilder.forPort(0);

		@Override
		protected ServerBuilder<?> delegate() {
			return this.delegate;
		}

		@Override
		public RecordingBuilder addStreamTracerFactory(ServerStreamTracer.Factory factory) {
			this.tracerFactories.add(factory);
			return this;
		}

	}

}
