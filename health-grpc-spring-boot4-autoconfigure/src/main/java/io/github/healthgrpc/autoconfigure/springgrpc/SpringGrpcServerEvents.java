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
package io.github.healthgrpc.autoconfigure.springgrpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.GrpcServerInfo;
import io.github.healthgrpc.server.GrpcServerListener;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycleEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerShutdownEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Passes Spring gRPC's server events on to the features' {@link GrpcServerListener}s, in
 * their order. The address is read from the socket the server listens on (Spring gRPC's
 * event carries it only as text).
 *
 * @author health-grpc authors
 */
final class SpringGrpcServerEvents implements ApplicationListener<GrpcServerLifecycleEvent> {

	private final ObjectProvider<GrpcServerListener> listeners;

	private final ConfiguredGrpcServer configured;

	SpringGrpcServerEvents(ObjectProvider<GrpcServerListener> listeners, ConfiguredGrpcServer configured) {
		this.listeners = listeners;
		this.configured = configured;
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
			Server server = started.getServer();
			List<String> services = server.getServices()
				.stream()
				.map(ServerServiceDefinition::getServiceDescriptor)
				.map(io.grpc.ServiceDescriptor::getName)
				.toList();
			GrpcServerInfo info = new GrpcServerInfo(listenAddress(server), started.getPort(), this.configured.tls(),
					services);
			this.listeners.orderedStream().forEach((listener) -> listener.serverStarted(info));
		}
		else if (event instanceof GrpcServerShutdownEvent) {
			this.listeners.orderedStream().forEach(GrpcServerListener::serverStopping);
		}
	}

	private static String listenAddress(Server server) {
		for (SocketAddress socket : server.getListenSockets()) {
			if (socket instanceof InetSocketAddress inet && inet.getAddress() != null) {
				return inet.getAddress().getHostAddress();
			}
		}
		// in-process or a domain socket: no network address
		return null;
	}

}
