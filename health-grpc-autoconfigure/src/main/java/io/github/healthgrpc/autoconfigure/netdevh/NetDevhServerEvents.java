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

import io.github.healthgrpc.server.GrpcServerInfo;
import io.github.healthgrpc.server.GrpcServerListener;
import io.grpc.ServerServiceDefinition;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.event.GrpcServerLifecycleEvent;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;

/**
 * Passes net.devh's server events on to the features' {@link GrpcServerListener}s, in
 * their order.
 *
 * @author health-grpc authors
 */
final class NetDevhServerEvents implements ApplicationListener<GrpcServerLifecycleEvent> {

	private final ObjectProvider<GrpcServerListener> listeners;

	private final GrpcServerProperties properties;

	NetDevhServerEvents(ObjectProvider<GrpcServerListener> listeners, GrpcServerProperties properties) {
		this.listeners = listeners;
		this.properties = properties;
	}

	@Override
	public boolean supportsAsyncExecution() {
		// Watch streams complete before the server stops only on the stopping thread,
		// even with an asynchronous event multicaster
		return false;
	}

	@Override
	public void onApplicationEvent(GrpcServerLifecycleEvent event) {
		if (event instanceof GrpcServerStartedEvent started) {
			List<String> services = started.getServer()
				.getServices()
				.stream()
				.map(ServerServiceDefinition::getServiceDescriptor)
				.map(io.grpc.ServiceDescriptor::getName)
				.toList();
			GrpcServerInfo server = new GrpcServerInfo(started.getAddress(), started.getServer().getPort(),
					this.properties.getSecurity().isEnabled(), services);
			this.listeners.orderedStream().forEach((listener) -> listener.serverStarted(server));
		}
		else if (event instanceof GrpcServerShutdownEvent) {
			this.listeners.orderedStream().forEach(GrpcServerListener::serverStopping);
		}
	}

}
