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

package io.github.healthgrpc.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.github.healthgrpc.test.v1.OtherGrpc;
import io.grpc.stub.StreamObserver;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import net.devh.boot.grpc.server.event.GrpcServerLifecycleEvent;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * A gRPC application for integration tests: two services (one a {@code @GrpcService}
 * class, one a {@code @Bean} method), and health indicators the tests control.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HealthGrpcTestApplication {

	/**
	 * Holds the first health evaluation when {@code test.first-evaluation-blocked} is
	 * set.
	 */
	public static final CountDownLatch FIRST_EVALUATION = new CountDownLatch(1);

	@Bean
	@GrpcService
	OtherGrpc.OtherImplBase otherService() {
		return new OtherGrpc.OtherImplBase() {
		};
	}

	@Bean
	ControlledHealth controlledHealth() {
		return new ControlledHealth();
	}

	@Bean
	HealthIndicator dbHealthIndicator(ControlledHealth health) {
		return () -> health.get("db");
	}

	@Bean
	HealthIndicator cacheHealthIndicator(ControlledHealth health) {
		return () -> health.get("cache");
	}

	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("test.first-evaluation-blocked")
	HealthIndicator blockedHealthIndicator() {
		return () -> {
			try {
				FIRST_EVALUATION.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Health.up().build();
		};
	}

	@Bean
	ServerEvents serverEvents(org.springframework.beans.factory.ObjectProvider<HealthGrpcService> health) {
		return new ServerEvents(health);
	}

	/**
	 * Echoes. A {@code @GrpcService} is a component: as a member class of this
	 * configuration it is registered.
	 */
	@GrpcService
	static class EchoService extends EchoGrpc.EchoImplBase {

		@Override
		public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
			responseObserver.onNext(EchoResponse.newBuilder().setText(request.getText()).build());
			responseObserver.onCompleted();
		}

	}

	/**
	 * Health that tests set; "hang" makes an indicator block until released.
	 */
	public static class ControlledHealth {

		private final Map<String, String> states = new ConcurrentHashMap<>();

		private volatile CountDownLatch release = new CountDownLatch(0);

		public void set(String name, String state) {
			if ("hang".equals(state)) {
				this.release = new CountDownLatch(1);
			}
			this.states.put(name, state);
		}

		public void reset() {
			this.states.clear();
			this.release.countDown();
		}

		Health get(String name) {
			String state = this.states.getOrDefault(name, Status.UP.getCode());
			if ("hang".equals(state)) {
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			}
			return Health.status(state).build();
		}

	}

	/**
	 * Records the server's port and lifecycle events with the time they happened.
	 */
	public static class ServerEvents implements ApplicationListener<GrpcServerLifecycleEvent> {

		private final Map<String, Long> times = new ConcurrentHashMap<>();

		private final org.springframework.beans.factory.ObjectProvider<HealthGrpcService> health;

		private volatile int port;

		private volatile int watchStreamsWhenStopping = -1;

		ServerEvents(org.springframework.beans.factory.ObjectProvider<HealthGrpcService> health) {
			this.health = health;
		}

		@Override
		public void onApplicationEvent(GrpcServerLifecycleEvent event) {
			if (event instanceof GrpcServerStartedEvent started) {
				this.port = started.getServer().getPort();
			}
			if (event instanceof GrpcServerShutdownEvent) {
				HealthGrpcService service = this.health.getIfAvailable();
				this.watchStreamsWhenStopping = (service != null) ? service.getWatchStreamCount() : -1;
			}
			this.times.put(event.getClass().getSimpleName(), System.nanoTime());
		}

		public int watchStreamsWhenStopping() {
			return this.watchStreamsWhenStopping;
		}

		public int port() {
			return this.port;
		}

		public Long time(String event) {
			return this.times.get(event);
		}

	}

}
