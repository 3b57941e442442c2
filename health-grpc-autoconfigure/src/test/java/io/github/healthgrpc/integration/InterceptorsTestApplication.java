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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.client.inject.GrpcClient;
import net.devh.boot.grpc.server.advice.GrpcAdvice;
import net.devh.boot.grpc.server.advice.GrpcExceptionHandler;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.stereotype.Component;

/**
 * A net.devh application with a failing service, a {@code @GrpcAdvice}, and
 * {@code @GrpcClient} stubs that call it.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class InterceptorsTestApplication {

	/**
	 * Fails as the request says.
	 */
	@GrpcService
	static class FailingService extends CallsGrpc.CallsImplBase {

		@GrpcClient("self")
		CallsGrpc.CallsBlockingStub self;

		@Override
		public void unary(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
			switch (request.getText()) {
				case "quota-onerror" -> {
					responseObserver.onError(new QuotaException());
					return;
				}
				case "unavailable" ->
					throw Status.UNAVAILABLE.withDescription("backend at 10.9.8.7:5000 refused").asRuntimeException();
				case "downstream-onerror" -> {
					try {
						this.self.unary(EchoRequest.newBuilder().setText("unavailable").build());
					}
					catch (io.grpc.StatusRuntimeException ex) {
						responseObserver.onError(ex);
						return;
					}
				}
				case "iae" -> throw new IllegalArgumentException("quantity must be positive");
				case "quota" -> throw new QuotaException();
				case "npe" -> throw new NullPointerException("secret");
				case "hang" -> hang();
				default -> {
				}
			}
			responseObserver.onNext(EchoResponse.newBuilder().setText("ok").build());
			responseObserver.onCompleted();
		}

		private static void hang() {
			CountDownLatch cancelled = new CountDownLatch(1);
			Context.current().addListener((context) -> cancelled.countDown(), Runnable::run);
			try {
				cancelled.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * The table would say FAILED_PRECONDITION (an IllegalStateException); the advice says
	 * otherwise.
	 */
	public static class QuotaException extends IllegalStateException {

	}

	/**
	 * The user's own handler.
	 */
	@GrpcAdvice
	public static class Advice {

		@GrpcExceptionHandler(QuotaException.class)
		public Status quota(QuotaException ex) {
			return Status.RESOURCE_EXHAUSTED.withDescription("from advice");
		}

	}

	/**
	 * Stubs as another Spring service would inject them.
	 */
	@Component
	public static class Clients {

		@GrpcClient("self")
		CallsGrpc.CallsBlockingStub calls;

		@GrpcClient("self")
		HealthGrpc.HealthStub health;

	}

}
