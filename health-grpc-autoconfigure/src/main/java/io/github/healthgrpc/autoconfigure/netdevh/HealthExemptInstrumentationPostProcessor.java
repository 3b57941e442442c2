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

import java.lang.reflect.Method;

import io.github.healthgrpc.health.grpc.HealthExemptStreamTracerFactory;
import io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor;
import io.grpc.ForwardingServerBuilder;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Exempts health RPCs from the per-call instrumentation net.devh declares in ways that
 * cannot be replaced by a bean of one's own: the {@link GrpcServerConfigurer} of its
 * metric auto-configuration, which adds the A66 stream tracer (the builder it sees wraps
 * that tracer), and the Micrometer observation (tracing) interceptor of its trace
 * auto-configuration (wrapped so that health RPCs go past it). The wrappers keep the
 * beans' declared types and names, so net.devh still finds and orders them. Nothing else
 * is touched: every other configurer sees the real builder, so that casts to
 * {@code NettyServerBuilder} keep working.
 *
 * @author health-grpc authors
 */
class HealthExemptInstrumentationPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	static final String NET_DEVH_METRICS_CONFIGURATION = "net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration";

	static final String NET_DEVH_TRACE_CONFIGURATION = "net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration";

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof GrpcServerConfigurer configurer
				&& NET_DEVH_METRICS_CONFIGURATION.equals(declaringConfiguration(beanName))) {
			return (GrpcServerConfigurer) (builder) -> configurer.accept(new HealthExemptTracing(builder));
		}
		if (bean instanceof ServerInterceptor interceptor
				&& NET_DEVH_TRACE_CONFIGURATION.equals(declaringConfiguration(beanName))) {
			return new HealthExemptServerInterceptor(interceptor);
		}
		return bean;
	}

	/** The class whose {@code @Bean} method declares a bean, if any. */
	private String declaringConfiguration(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		Method factoryMethod = (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod() : null;
		return (factoryMethod != null) ? factoryMethod.getDeclaringClass().getName() : null;
	}

	/**
	 * The builder net.devh's metrics configurer sees: every tracer factory it adds skips
	 * health RPCs.
	 */
	private static final class HealthExemptTracing extends ForwardingServerBuilder<HealthExemptTracing> {

		private final ServerBuilder<?> delegate;

		HealthExemptTracing(ServerBuilder<?> delegate) {
			this.delegate = delegate;
		}

		@Override
		protected ServerBuilder<?> delegate() {
			return this.delegate;
		}

		@Override
		public HealthExemptTracing addStreamTracerFactory(ServerStreamTracer.Factory factory) {
			this.delegate.addStreamTracerFactory(new HealthExemptStreamTracerFactory(factory));
			return this;
		}

	}

}
