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

package io.github.healthgrpc.sample.boot4;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.healthgrpc.sample.v1.GreeterGrpc;
import io.github.healthgrpc.sample.v1.HelloReply;
import io.github.healthgrpc.sample.v1.HelloRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

/**
 * The business service, a plain {@code BindableService} bean that Spring Boot's gRPC
 * server serves: health-grpc gives it a status under {@code sample.v1.Greeter}
 * automatically. It also misbehaves on request, to show what clients see: an empty name
 * is a bad argument, {@code boom} a bug, {@code slow} a call that outlives its deadline.
 *
 * @author health-grpc authors
 */
public class GreeterService extends GreeterGrpc.GreeterImplBase {

	private final String instance;

	public GreeterService(String instance) {
		this.instance = instance;
	}

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		String name = request.getName();
		if (name.isEmpty()) {
			// health-grpc maps it to INVALID_ARGUMENT, with its message
			throw new IllegalArgumentException("name must not be empty");
		}
		if (name.equals("boom")) {
			// a failure nobody mapped: health-grpc answers INTERNAL, without this message
			throw new UncheckedIOException(new IOException("connection to jdbc:postgresql://db.internal/shop refused"));
		}
		if (name.equals("slow")) {
			waitUntilCancelled();
		}
		responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + name + " from " + this.instance).build());
		responseObserver.onCompleted();
	}

	// a slow dependency that stops as soon as the caller gives up (its deadline passed)
	private static void waitUntilCancelled() {
		Context context = Context.current();
		for (int i = 0; i < 600 && !context.isCancelled(); i++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
