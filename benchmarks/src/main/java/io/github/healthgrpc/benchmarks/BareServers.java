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

package io.github.healthgrpc.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * Netty servers without Spring: grpc-java's {@link HealthStatusManager}, and
 * health-grpc's service and registry.
 *
 * @author health-grpc authors
 */
final class BareServers {

	private BareServers() {
	}

	static HealthTarget grpcJava() {
		HealthStatusManager manager = new HealthStatusManager();
		Server server = start(manager.getHealthService());
		return new Bare(server, (service, serving) -> manager.setStatus(service,
				serving ? HealthCheckResponse.ServingStatus.SERVING : HealthCheckResponse.ServingStatus.NOT_SERVING));
	}

	private static Server start(BindableService service) {
		try {
			return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
				.addService(service)
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	interface Setter {

		void set(String service, boolean serving);

	}

	private record Bare(Server server, Setter setter) implements HealthTarget {

		@Override
		public int port() {
			return this.server.getPort();
		}

		@Override
		public void setServing(String service, boolean serving) {
			this.setter.set(service, serving);
		}

		@Override
		public void close() {
			try {
				this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
