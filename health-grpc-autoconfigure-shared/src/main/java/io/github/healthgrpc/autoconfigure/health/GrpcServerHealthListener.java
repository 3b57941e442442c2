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
package io.github.healthgrpc.autoconfigure.health;

import java.util.List;

import io.github.healthgrpc.health.HealthLifecycle;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthStatusManagerMirror;
import io.github.healthgrpc.server.GrpcServerInfo;
import io.github.healthgrpc.server.GrpcServerListener;

import org.springframework.core.Ordered;

/**
 * Tells the {@link HealthLifecycle} (and the {@link HealthStatusManagerMirror}) which
 * services the gRPC server registered once it started (the server is the only complete
 * list: annotated beans, {@code @Bean} methods and configurers alike), and that it is
 * stopping. First among the server's listeners: a Consul registration that follows must
 * find the statuses in place.
 *
 * @author health-grpc authors
 */
class GrpcServerHealthListener implements GrpcServerListener, Ordered {

	private final HealthLifecycle lifecycle;

	private final HealthStatusManagerMirror mirror;

	private final boolean registerServerServices;

	GrpcServerHealthListener(HealthLifecycle lifecycle, HealthStatusManagerMirror mirror,
			boolean registerServerServices) {
		this.lifecycle = lifecycle;
		this.mirror = mirror;
		this.registerServerServices = registerServerServices;
	}

	@Override
	public void serverStarted(GrpcServerInfo server) {
		List<String> services = this.registerServerServices
				? server.services().stream().filter((name) -> !HealthGrpcService.SERVICE_NAMES.contains(name)).toList()
				: List.of();
		this.mirror.track(services);
		this.lifecycle.serverStarted(services);
	}

	@Override
	public void serverStopping() {
		this.lifecycle.serverStopping();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
