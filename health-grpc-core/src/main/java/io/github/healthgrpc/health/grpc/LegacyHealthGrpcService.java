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

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.legacy.v0.HealthCheckRequest;
import io.github.healthgrpc.legacy.v0.HealthCheckResponse;
import io.github.healthgrpc.legacy.v0.HealthGrpc;
import io.grpc.stub.StreamObserver;

import org.springframework.util.Assert;

/**
 * The seed's package-less {@code /Health/check}, answering with the same statuses as the
 * standard service, so clients generated from the seed's {@code health.proto} keep
 * working.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class LegacyHealthGrpcService extends HealthGrpc.HealthImplBase {

	private static final HealthCheckResponse SERVING = response(HealthCheckResponse.ServingStatus.SERVING);

	private static final HealthCheckResponse NOT_SERVING = response(HealthCheckResponse.ServingStatus.NOT_SERVING);

	private static final HealthCheckResponse UNKNOWN = response(HealthCheckResponse.ServingStatus.UNKNOWN);

	private final HealthStatusRegistry registry;

	/**
	 * Create the service.
	 * @param registry the statuses to serve
	 */
	public LegacyHealthGrpcService(HealthStatusRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		ServingStatus status = this.registry.getStatus(request.getService());
		if (status == null) {
			responseObserver.onError(HealthResponses.unknownService(request.getService()));
			return;
		}
		responseObserver.onNext(switch (status) {
			case SERVING -> SERVING;
			case NOT_SERVING -> NOT_SERVING;
			case UNKNOWN -> UNKNOWN;
		});
		responseObserver.onCompleted();
	}

	private static HealthCheckResponse response(HealthCheckResponse.ServingStatus status) {
		return HealthCheckResponse.newBuilder().setStatus(status).build();
	}

}
