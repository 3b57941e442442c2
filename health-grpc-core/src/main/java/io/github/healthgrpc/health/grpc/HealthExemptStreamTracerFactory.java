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
import io.grpc.ServerStreamTracer;

/**
 * A stream tracer factory that leaves health RPCs untraced: probes arrive every few
 * seconds from every load balancer, Consul agent and kubelet, and per-call metrics of
 * them only flood the metrics backend while costing each probe time.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class HealthExemptStreamTracerFactory extends ServerStreamTracer.Factory {

	// every method of ServerStreamTracer does nothing by default
	private static final ServerStreamTracer UNTRACED = new ServerStreamTracer() {
	};

	private final ServerStreamTracer.Factory delegate;

	/**
	 * Wrap a factory.
	 * @param delegate the factory that traces every other RPC
	 */
	public HealthExemptStreamTracerFactory(ServerStreamTracer.Factory delegate) {
		this.delegate = delegate;
	}

	@Override
	public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
		return HealthRpcs.isHealthMethod(fullMethodName) ? UNTRACED
				: this.delegate.newServerStreamTracer(fullMethodName, headers);
	}

}
