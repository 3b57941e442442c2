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

import java.lang.reflect.Method;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor;
import io.grpc.ServerInterceptor;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.GrpcServerFactory;

/**
 * Keeps health RPCs out of Spring Boot's per-call gRPC server observation (metrics and
 * traces) unless {@code health-grpc.health.metrics.enabled} is true: probes are the most
 * frequent calls a server gets. The observation interceptor keeps its bean, name and
 * order; health RPCs go past it.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerObservationAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnClass(GrpcServerFactory.class)
@ConditionalOnProperty(prefix = HealthGrpcHealthProperties.PREFIX, name = "metrics.enabled", havingValue = "false",
		matchIfMissing = true)
public class HealthGrpcSpringGrpcMetricsAutoConfiguration {

	/**
	 * Spring Boot's auto-configuration whose interceptor health RPCs go past.
	 */
	static final String BOOT_OBSERVATION_CONFIGURATION = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerObservationAutoConfiguration";

	@Bean
	static HealthExemptObservationPostProcessor healthGrpcHealthExemptObservation() {
		return new HealthExemptObservationPostProcessor();
	}

	/**
	 * Wraps exactly the interceptor Spring Boot's observation auto-configuration
	 * declares: its {@code @GlobalServerInterceptor} and {@code @Order} stay on the
	 * bean's factory method, where Spring gRPC reads them.
	 */
	static final class HealthExemptObservationPostProcessor implements BeanPostProcessor, BeanFactoryAware {

		private ConfigurableListableBeanFactory beanFactory;

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
			if (bean instanceof ServerInterceptor interceptor
					&& BOOT_OBSERVATION_CONFIGURATION.equals(declaringConfiguration(beanName))) {
				return new HealthExemptServerInterceptor(interceptor);
			}
			return bean;
		}

		private String declaringConfiguration(String beanName) {
			if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
				return null;
			}
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
			Method factoryMethod = (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod()
					: null;
			return (factoryMethod != null) ? factoryMethod.getDeclaringClass().getName() : null;
		}

	}

}
