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

package io.github.healthgrpc.integration.client;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.client.inject.GrpcClient;
import net.devh.boot.grpc.server.service.GrpcService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A service in the middle of a chain: its {@code Echo} calls the same method on the
 * client named {@code next} and lets a failure propagate, as most handlers do.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RelayApplication {

	@Bean
	@GrpcService
	Relay relay() {
		return new Relay();
	}

	/**
	 * Passes each call on, and counts them.
	 */
	static class Relay extends EchoGrpc.EchoImplBase {

		final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

		@GrpcClient("next")
		EchoGrpc.EchoBlockingStub next;

		@Override
		public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
			this.calls.incrementAndGet();
			responseObserver.onNext(this.next.echo(request));
			responseObserver.onCompleted();
		}

	}

}
