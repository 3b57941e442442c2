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

import io.github.healthgrpc.server.ServerInterceptorRegistration;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Makes every {@link ServerInterceptorRegistration} bean a Spring gRPC global server
 * interceptor: Spring gRPC applies the {@code ServerInterceptor} beans that carry
 * {@code @GlobalServerInterceptor}, which the features' registrations (declared without
 * knowing the integration) do not. For each one, a {@link SpringGrpcGlobalInterceptor}
 * bean carries the annotation and the registration's order.
 *
 * @author health-grpc authors
 */
final class GlobalServerInterceptorRegistrar implements BeanFactoryPostProcessor {

	/**
	 * Suffix of the name of the bean that makes a registration global.
	 */
	static final String SUFFIX = ".springGrpcGlobal";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
			return;
		}
		for (String name : beanFactory.getBeanNamesForType(ServerInterceptorRegistration.class, true, false)) {
			if (name.endsWith(SUFFIX) || registry.containsBeanDefinition(name + SUFFIX)) {
				continue;
			}
			RootBeanDefinition global = new RootBeanDefinition(SpringGrpcGlobalInterceptor.class);
			global.getConstructorArgumentValues().addGenericArgumentValue(new RuntimeBeanReference(name));
			// only Spring gRPC looks it up: no one injects it by type in place of the
			// registration
			global.setAutowireCandidate(false);
			registry.registerBeanDefinition(name + SUFFIX, global);
		}
	}

}
