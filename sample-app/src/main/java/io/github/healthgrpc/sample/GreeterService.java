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

package io.github.healthgrpc.sample;

import io.github.healthgrpc.sample.v1.GreeterGrpc;
import io.github.healthgrpc.sample.v1.HelloReply;
import io.github.healthgrpc.sample.v1.HelloRequest;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

/**
 * The business service: health-grpc gives it a status under {@code sample.v1.Greeter}
 * automatically.
 *
 * @author health-grpc authors
 */
@GrpcService
public class GreeterService extends GreeterGrpc.GreeterImplBase {

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName()).build());
		responseObserver.onCompleted();
	}

}
