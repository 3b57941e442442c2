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

package io.github.healthgrpc.autoconfigure.health;

import java.lang.reflect.Method;

import io.github.healthgrpc.health.grpc.HealthExemptStreamTracerFactory;
import io.grpc.ForwardingServerBuilder;
import io.grpc.ServerBuilder;
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
 * Exempts health RPCs from net.devh's A66 stream tracer metrics: wraps the
 * {@link GrpcServerConfigurer} that net.devh's metric auto-configuration declares (and
 * only that one) so that the tracer factory it adds skips health RPCs. Every other
 * configurer sees the real builder, so that casts to {@code NettyServerBuilder} keep
 * working.
 *
 * @author health-grpc authors
 */
class HealthExemptStreamTracerPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	static final String NET_DEVH_METRICS_CONFIGURATION = "net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration";

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof GrpcServerConfigurer configurer && isNetDevhMetricsBean(beanName)) {
			return (GrpcServerConfigurer) (builder) -> configurer.accept(new HealthExemptTracing(builder));
		}
		return bean;
	}

	private boolean isNetDevhMetricsBean(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		Method factoryMethod = (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod() : null;
		return factoryMethod != null
				&& NET_DEVH_METRICS_CONFIGURATION.equals(factoryMethod.getDeclaringClass().getName());
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
