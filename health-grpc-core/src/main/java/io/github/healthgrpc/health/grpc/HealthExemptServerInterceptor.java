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
package io.github.healthgrpc.health.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import org.springframework.util.Assert;

/**
 * A server interceptor that health RPCs go past: it wraps a gRPC integration's per-call
 * instrumentation (an observation or metrics interceptor), so that probes, the most
 * frequent calls a server gets, neither flood the backends nor pay for it.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class HealthExemptServerInterceptor implements ServerInterceptor {

	private final ServerInterceptor delegate;

	/**
	 * Wrap an interceptor.
	 * @param delegate what every other RPC goes through
	 */
	public HealthExemptServerInterceptor(ServerInterceptor delegate) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
	}

	/**
	 * Return the wrapped interceptor.
	 * @return the delegate
	 */
	public ServerInterceptor getDelegate() {
		return this.delegate;
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		if (HealthRpcs.isHealthService(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		return this.delegate.interceptCall(call, headers, next);
	}

	@Override
	public String toString() {
		return "HealthExempt(" + this.delegate + ")";
	}

}
