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

package io.github.healthgrpc.benchmarks.boot3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.benchmarks.server.EchoService;
import io.github.healthgrpc.benchmarks.server.HealthTarget;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * (a) bare grpc-java on the transport net.devh runs on (grpc-netty-shaded, grpc-java
 * 1.85.1): {@code NettyServerBuilder} and grpc-java's {@link HealthStatusManager}, no
 * Spring.
 *
 * @author health-grpc authors
 */
final class BareServer {

	private BareServer() {
	}

	static HealthTarget grpcJava() {
		HealthStatusManager manager = new HealthStatusManager();
		Server server;
		try {
			server = NettyServerBuilder
				.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
				.addService(manager.getHealthService())
				.addService(new EchoService())
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return HealthTarget.of(server::getPort, (service, serving) -> manager.setStatus(service,
				serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING), () -> stop(server));
	}

	private static void stop(Server server) {
		try {
			server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
