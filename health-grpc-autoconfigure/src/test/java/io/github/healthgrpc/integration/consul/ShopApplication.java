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

package io.github.healthgrpc.integration.consul;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.stub.StreamObserver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A gRPC-only server for the Consul tests: its Echo answers with the instance's name, and
 * its health follows a "db" indicator the test sets.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ShopApplication {

	@Bean
	Db db() {
		return new Db();
	}

	@Bean
	HealthIndicator dbHealthIndicator(Db db) {
		return () -> Health.status(db.status.get()).build();
	}

	@Bean
	ConsulProbes consulProbes() {
		return new ConsulProbes();
	}

	/**
	 * Counts the HTTP checks that Consul made of a web application, once answered.
	 */
	public static class ConsulProbes extends OncePerRequestFilter {

		private final AtomicInteger answered = new AtomicInteger();

		public int answered() {
			return this.answered.get();
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(request, response);
			if ("Consul Health Check".equals(request.getHeader("User-Agent"))) {
				this.answered.incrementAndGet();
			}
		}

	}

	/**
	 * The database the test switches up and down.
	 */
	public static class Db {

		private final AtomicReference<Status> status = new AtomicReference<>(Status.UP);

		public void up() {
			this.status.set(Status.UP);
		}

		public void down() {
			this.status.set(Status.DOWN);
		}

	}

	/**
	 * Answers "instance:text". A member class of this configuration: registered as a
	 * component.
	 */
	@GrpcService
	static class NamedEcho extends EchoGrpc.EchoImplBase {

		private final String instance;

		NamedEcho(@Value("${test.instance}") String instance) {
			this.instance = instance;
		}

		@Override
		public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
			responseObserver.onNext(EchoResponse.newBuilder().setText(this.instance + ":" + request.getText()).build());
			responseObserver.onCompleted();
		}

	}

}
