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
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import net.devh.boot.grpc.server.event.GrpcServerLifecycleEvent;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;

import org.springframework.context.ApplicationListener;

/**
 * Tells the {@link HealthLifecycle} (and the {@link HealthStatusManagerMirror}) which
 * services net.devh's server registered once it started (the server is the only complete
 * list: {@code @GrpcService} beans, {@code @Bean} methods and configurers alike), and
 * that it is stopping.
 *
 * @author health-grpc authors
 */
class GrpcServerHealthEventListener implements ApplicationListener<GrpcServerLifecycleEvent> {

	private final HealthLifecycle lifecycle;

	private final HealthStatusManagerMirror mirror;

	private final boolean registerServerServices;

	GrpcServerHealthEventListener(HealthLifecycle lifecycle, HealthStatusManagerMirror mirror,
			boolean registerServerServices) {
		this.lifecycle = lifecycle;
		this.mirror = mirror;
		this.registerServerServices = registerServerServices;
	}

	@Override
	public boolean supportsAsyncExecution() {
		// Watch streams complete before the server stops only on the stopping thread
		return false;
	}

	@Override
	public void onApplicationEvent(GrpcServerLifecycleEvent event) {
		if (event instanceof GrpcServerStartedEvent started) {
			List<String> services = this.registerServerServices ? serviceNames(started.getServer()) : List.of();
			this.mirror.track(services);
			this.lifecycle.serverStarted(services);
		}
		else if (event instanceof GrpcServerShutdownEvent) {
			this.lifecycle.serverStopping();
		}
	}

	private static List<String> serviceNames(Server server) {
		return server.getServices()
			.stream()
			.map(ServerServiceDefinition::getServiceDescriptor)
			.map(io.grpc.ServiceDescriptor::getName)
			.filter((name) -> !HealthGrpcService.SERVICE_NAMES.contains(name))
			.toList();
	}

}
