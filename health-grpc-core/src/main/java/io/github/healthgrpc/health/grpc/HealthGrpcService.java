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

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthCheckRequest;
import io.github.healthgrpc.health.v1.HealthCheckResponse;
import io.github.healthgrpc.health.v1.HealthGrpc;
import io.github.healthgrpc.health.v1.HealthListRequest;
import io.github.healthgrpc.health.v1.HealthListResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import org.springframework.util.Assert;

/**
 * The standard {@code grpc.health.v1.Health} service (Check, Watch and List), answering
 * from a {@link HealthStatusRegistry}. Check and List only read the registry; they never
 * evaluate health.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthGrpcService extends HealthGrpc.HealthImplBase {

	/**
	 * The full names of the health services health-grpc serves: the standard one and the
	 * seed's legacy one.
	 */
	public static final Set<String> SERVICE_NAMES = Set.of(HealthGrpc.SERVICE_NAME,
			io.github.healthgrpc.legacy.v0.HealthGrpc.SERVICE_NAME);

	private final HealthStatusRegistry registry;

	private final HealthServiceLimits limits;

	private final Status refused;

	private final WatchStream.Shared watchShared;

	private final AtomicInteger watchStreams = new AtomicInteger();

	private final RefusedWatchWarning refusedWatchWarning;

	/**
	 * Create the service.
	 * @param registry the statuses to serve
	 * @param limits the List and Watch limits
	 */
	public HealthGrpcService(HealthStatusRegistry registry, HealthServiceLimits limits) {
		this(registry, limits, System::nanoTime);
	}

	HealthGrpcService(HealthStatusRegistry registry, HealthServiceLimits limits, LongSupplier nanoClock) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(limits, "'limits' must not be null");
		this.registry = registry;
		this.limits = limits;
		this.refusedWatchWarning = new RefusedWatchWarning(nanoClock);
		// built once: refusals come in floods
		this.refused = Status.RESOURCE_EXHAUSTED
			.withDescription("too many health watch streams (maximum " + limits.maxWatchStreams() + ")");
		// one for all streams: each holds only what it cannot share
		this.watchShared = new WatchStream.Shared(registry, this.watchStreams::decrementAndGet);
	}

	@Override
	public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		String service = request.getService();
		ServingStatus status = this.registry.getStatus(service);
		if (status == null) {
			responseObserver.onError(HealthResponses.unknownService(service));
			return;
		}
		responseObserver.onNext(HealthResponses.of(status));
		responseObserver.onCompleted();
	}

	@Override
	public void list(HealthListRequest request, StreamObserver<HealthListResponse> responseObserver) {
		if (!this.limits.listEnabled()) {
			responseObserver
				.onError(Status.UNIMPLEMENTED.withDescription("Method grpc.health.v1.Health/List is disabled")
					.asException());
			return;
		}
		Map<String, ServingStatus> statuses = this.registry.snapshot();
		if (statuses.size() > this.limits.maxListedServices()) {
			responseObserver.onError(Status.RESOURCE_EXHAUSTED
				.withDescription("server health list exceeds maximum capacity: " + this.limits.maxListedServices())
				.asException());
			return;
		}
		HealthListResponse.Builder response = HealthListResponse.newBuilder();
		statuses.forEach((service, status) -> response.putStatuses(service, HealthResponses.of(status)));
		responseObserver.onNext(response.build());
		responseObserver.onCompleted();
	}

	@Override
	public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		ServerCallStreamObserver<HealthCheckResponse> call = (ServerCallStreamObserver<HealthCheckResponse>) responseObserver;
		if (this.watchStreams.incrementAndGet() > this.limits.maxWatchStreams()) {
			this.watchStreams.decrementAndGet();
			this.refusedWatchWarning.refused(this.limits.maxWatchStreams());
			call.onError(this.refused.asException());
			return;
		}
		new WatchStream(request.getService(), this.watchShared, call).start();
	}

	/**
	 * Return the number of open Watch streams.
	 * @return the open Watch streams
	 */
	public int getWatchStreamCount() {
		return this.watchStreams.get();
	}

}
