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

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;

import org.springframework.util.Assert;

/**
 * Carries the statuses that application code sets on grpc-java's
 * {@link HealthStatusManager} (net.devh users inject one) into a
 * {@link HealthStatusRegistry}, where they take precedence over evaluated statuses, as if
 * set with {@link HealthStatusRegistry#setStatus}. {@code clearStatus} clears them again.
 *
 * <p>
 * The manager has no listener API; its own Watch implementation is the only way to hear
 * its changes, so this class watches each tracked name through it, without a transport.
 * Names are those tracked: the overall status, the configured names and the server's
 * services. The manager starts with {@code ""} SERVING on its own; that default is not
 * carried over, later changes of {@code ""} are.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class HealthStatusManagerMirror implements AutoCloseable {

	private final HealthGrpc.AsyncService manager;

	private final HealthStatusRegistry registry;

	private final Context.CancellableContext watching = Context.ROOT.withCancellation();

	private final Set<String> mirrored = ConcurrentHashMap.newKeySet();

	/**
	 * Create the mirror and start mirroring the overall status and these names.
	 * @param manager the manager that application code sets statuses on
	 * @param registry the registry to carry them into
	 * @param services names to mirror from the start
	 */
	public HealthStatusManagerMirror(HealthStatusManager manager, HealthStatusRegistry registry,
			Collection<String> services) {
		BindableService service = manager.getHealthService();
		Assert.isInstanceOf(HealthGrpc.AsyncService.class, service, "HealthStatusManager's health service");
		this.manager = (HealthGrpc.AsyncService) service;
		this.registry = registry;
		track(List.of(HealthStatusRegistry.OVERALL));
		track(services);
	}

	/**
	 * Mirror these names too; a name already mirrored is left alone.
	 * @param services the service names
	 */
	public void track(Collection<String> services) {
		for (String service : services) {
			if (this.mirrored.add(service)) {
				HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(service).build();
				// the manager drops its watcher when this context is cancelled
				this.watching.run(() -> this.manager.watch(request, new Mirror(service)));
			}
		}
	}

	/**
	 * Stop mirroring.
	 */
	@Override
	public void close() {
		this.watching.cancel(null);
	}

	/**
	 * Receives one name's statuses. The manager calls it under its own lock, one call at
	 * a time.
	 */
	private final class Mirror implements StreamObserver<HealthCheckResponse> {

		private final String service;

		private boolean first = true;

		private boolean set;

		Mirror(String service) {
			this.service = service;
		}

		@Override
		public void onNext(HealthCheckResponse response) {
			boolean initial = this.first;
			this.first = false;
			if (initial && this.service.isEmpty()) {
				// the manager's own default, not anybody's decision
				return;
			}
			switch (response.getStatus()) {
				case SERVING -> set(ServingStatus.SERVING);
				case NOT_SERVING -> set(ServingStatus.NOT_SERVING);
				case UNKNOWN -> set(ServingStatus.UNKNOWN);
				case SERVICE_UNKNOWN -> clear();
				default -> {
				}
			}
		}

		private void set(ServingStatus status) {
			this.set = true;
			HealthStatusManagerMirror.this.registry.setStatus(this.service, status);
		}

		private void clear() {
			if (this.set) {
				this.set = false;
				HealthStatusManagerMirror.this.registry.clearStatus(this.service);
			}
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
		}

	}

}
