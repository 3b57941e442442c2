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
package io.github.healthgrpc.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * A server interceptor that a feature applies to every service of the application's gRPC
 * server, at a fixed order among the integration's own interceptors and the user's: a
 * lower value runs first (outermost). Features declare beans of this type; each
 * integration's adapter registers them the way that integration knows global interceptors
 * (net.devh's {@code GlobalServerInterceptorConfigurer}, Spring gRPC's
 * {@code @GlobalServerInterceptor} beans).
 *
 * <p>
 * It is itself the interceptor, delegating to the one it registers, so that an
 * integration that orders interceptors by {@link Ordered} places it right.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ServerInterceptorRegistration implements ServerInterceptor, Ordered {

	private final ServerInterceptor interceptor;

	private final int order;

	/**
	 * Register an interceptor at an order.
	 * @param interceptor the interceptor
	 * @param order its order
	 */
	public ServerInterceptorRegistration(ServerInterceptor interceptor, int order) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptor = interceptor;
		this.order = order;
	}

	/**
	 * Copy a registration (for integrations that find global interceptors by a type or an
	 * annotation of their own).
	 * @param registration the registration
	 */
	protected ServerInterceptorRegistration(ServerInterceptorRegistration registration) {
		this(registration.interceptor, registration.order);
	}

	/**
	 * Return the interceptor.
	 * @return the registered interceptor
	 */
	public ServerInterceptor getInterceptor() {
		return this.interceptor;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		return this.interceptor.interceptCall(call, headers, next);
	}

	@Override
	public String toString() {
		return this.interceptor + " at order " + this.order;
	}

}
