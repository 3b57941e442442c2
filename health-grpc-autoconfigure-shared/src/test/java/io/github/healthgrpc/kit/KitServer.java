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
package io.github.healthgrpc.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.server.GrpcServerInfo;
import io.github.healthgrpc.server.GrpcServerListener;

import org.springframework.core.Ordered;

/**
 * Records what the adapter reports of the gRPC server: the network server's port and
 * address, and when the server started and began to stop. Listens through the seam, so
 * the same test reads both lines.
 *
 * @author health-grpc authors
 */
public class KitServer implements GrpcServerListener, Ordered {

	private final CountDownLatch started = new CountDownLatch(1);

	private final Map<String, Long> times = new ConcurrentHashMap<>();

	private final org.springframework.beans.factory.ObjectProvider<io.github.healthgrpc.health.grpc.HealthGrpcService> health;

	private volatile GrpcServerInfo info;

	private volatile int watchStreamsWhenStopping = -1;

	/**
	 * Create the recorder.
	 * @param health the Health service, whose open Watch streams are counted when the
	 * server begins to stop
	 */
	public KitServer(
			org.springframework.beans.factory.ObjectProvider<io.github.healthgrpc.health.grpc.HealthGrpcService> health) {
		this.health = health;
	}

	@Override
	public void serverStarted(GrpcServerInfo server) {
		if (server.port() > 0) {
			this.info = server;
			this.times.putIfAbsent("started", System.nanoTime());
			this.started.countDown();
		}
	}

	@Override
	public void serverStopping() {
		this.times.putIfAbsent("stopping", System.nanoTime());
		io.github.healthgrpc.health.grpc.HealthGrpcService service = this.health.getIfAvailable();
		if (service != null) {
			this.watchStreamsWhenStopping = service.getWatchStreamCount();
		}
	}

	/**
	 * Return how many Watch streams were open when the server began to stop.
	 * @return the count, or -1 if it did not stop
	 */
	public int watchStreamsWhenStopping() {
		return this.watchStreamsWhenStopping;
	}

	/**
	 * Return the network server as reported, once it started.
	 * @return the server
	 */
	public GrpcServerInfo info() {
		try {
			if (!this.started.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The gRPC server did not start within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return this.info;
	}

	/**
	 * Return the network server's port.
	 * @return the bound port
	 */
	public int port() {
		return info().port();
	}

	/**
	 * Return when an event happened.
	 * @param event {@code started} or {@code stopping}
	 * @return its {@link System#nanoTime()}, or {@code null} if it did not happen
	 */
	public Long time(String event) {
		return this.times.get(event);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
