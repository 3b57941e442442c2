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

import io.github.healthgrpc.health.grpc.HealthRpcs;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;

/**
 * Micrometer's per-call gRPC server metrics, as net.devh registers them, for every RPC
 * except the health ones: it takes the place of net.devh's own bean (which steps aside
 * for any bean of its type), so the meters keep their names and tags.
 *
 * @author health-grpc authors
 */
class HealthExemptMetricCollectingServerInterceptor extends MetricCollectingServerInterceptor {

	HealthExemptMetricCollectingServerInterceptor(MeterRegistry registry) {
		super(registry);
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		if (HealthRpcs.isHealthService(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		return super.interceptCall(call, headers, next);
	}

}
