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

import io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;

/**
 * Lets health RPCs go past Spring gRPC's exception handler interceptor, which Spring Boot
 * declares as a global interceptor around every call: health-grpc's Health service throws
 * nothing for the application's {@code GrpcExceptionHandler}s, and the interceptor's
 * wrappers cost 72 B per call, held for as long as a Watch stream is open. The bean keeps
 * its name and its {@code @GlobalServerInterceptor}, which Spring gRPC reads from the
 * bean's factory method; every other RPC goes through it as before.
 *
 * @author health-grpc authors
 */
final class HealthExemptExceptionHandlerPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof GrpcExceptionHandlerInterceptor interceptor) {
			return new HealthExemptServerInterceptor(interceptor);
		}
		return bean;
	}

}
