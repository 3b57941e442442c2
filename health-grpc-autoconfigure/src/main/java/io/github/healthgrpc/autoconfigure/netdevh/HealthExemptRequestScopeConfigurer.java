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

import java.util.List;

import io.github.healthgrpc.health.grpc.HealthRpcs;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorConfigurer;
import net.devh.boot.grpc.server.scope.GrpcRequestScope;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;

/**
 * Lets health RPCs go past net.devh's {@code grpcRequest} scope: every
 * {@link GrpcRequestScope} in the global interceptor list is replaced by a wrapper that
 * opens the scope for every other RPC and keeps the scope's order (first).
 *
 * <p>
 * net.devh declares the scope as a {@code BeanFactoryPostProcessor} bean, which no bean
 * post-processor sees, so the list is the one place to wrap it. The scope costs a
 * {@code Context}, a map and a cancellation listener per call, for the whole life of a
 * Watch stream; health RPCs never use request-scoped beans. This configurer is declared
 * by an auto-configuration that runs after net.devh's, so it sees the scope its
 * annotation configurer added.
 *
 * @author health-grpc authors
 */
class HealthExemptRequestScopeConfigurer implements GlobalServerInterceptorConfigurer {

	@Override
	public void configureServerInterceptors(List<ServerInterceptor> interceptors) {
		interceptors.replaceAll((interceptor) -> (interceptor instanceof GrpcRequestScope scope)
				? new HealthExemptRequestScope(scope) : interceptor);
	}

	/**
	 * The request scope for every RPC but the health ones, at the scope's own order.
	 */
	static final class HealthExemptRequestScope implements ServerInterceptor, Ordered {

		private final GrpcRequestScope scope;

		private final int order;

		HealthExemptRequestScope(GrpcRequestScope scope) {
			this.scope = scope;
			this.order = OrderUtils.getOrder(scope.getClass(), Ordered.LOWEST_PRECEDENCE);
		}

		@Override
		public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
				ServerCallHandler<Q, A> next) {
			if (HealthRpcs.isHealthService(call.getMethodDescriptor().getServiceName())) {
				return next.startCall(call, headers);
			}
			return this.scope.interceptCall(call, headers, next);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

		@Override
		public String toString() {
			return "HealthExempt(" + this.scope + ")";
		}

	}

}
