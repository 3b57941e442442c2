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

import java.util.Collection;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import io.github.healthgrpc.health.grpc.HealthRpcs;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import net.devh.boot.grpc.common.util.InterceptorOrder;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Keeps health RPCs out of net.devh's per-call server instrumentation (Micrometer's
 * metrics interceptor, the A66 stream tracer and the observation/tracing interceptor)
 * unless {@code health-grpc.health.metrics.enabled} is true: probes are the most frequent
 * calls a server gets, their timers and spans flood the backends, and the instrumentation
 * is most of what a probe costs beyond answering (about 1.7 KB of heap per open Watch
 * stream for the observation alone).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		beforeName = { HealthExemptInstrumentationPostProcessor.NET_DEVH_METRICS_CONFIGURATION,
				HealthExemptInstrumentationPostProcessor.NET_DEVH_TRACE_CONFIGURATION })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass(GrpcServerConfigurer.class)
@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "metrics.enabled", havingValue = "false",
		matchIfMissing = true)
public class HealthGrpcHealthMetricsAutoConfiguration {

	@Bean
	static HealthExemptInstrumentationPostProcessor healthGrpcHealthExemptInstrumentation() {
		return new HealthExemptInstrumentationPostProcessor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterRegistry.class, MetricCollectingServerInterceptor.class,
			GrpcGlobalServerInterceptor.class })
	@ConditionalOnBean(MeterRegistry.class)
	static class InterceptorConfiguration {

		// takes net.devh's place (its bean is @ConditionalOnMissingBean), with its order
		@GrpcGlobalServerInterceptor
		@Order(InterceptorOrder.ORDER_TRACING_METRICS)
		@ConditionalOnMissingBean
		MetricCollectingServerInterceptor healthGrpcMetricCollectingServerInterceptor(MeterRegistry registry,
				Collection<BindableService> services) {
			MetricCollectingServerInterceptor interceptor = new HealthExemptMetricCollectingServerInterceptor(registry);
			// as net.devh does, but no zero-valued series for health RPCs either
			services.stream()
				.map(BindableService::bindService)
				.filter((service) -> !HealthRpcs.isHealthService(service.getServiceDescriptor().getName()))
				.forEach(interceptor::preregisterService);
			return interceptor;
		}

	}

}
