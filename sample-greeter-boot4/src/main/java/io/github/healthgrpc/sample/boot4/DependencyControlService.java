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

import io.github.healthgrpc.sample.v1.DependencyControlGrpc;
import io.github.healthgrpc.sample.v1.SetDependencyReply;
import io.github.healthgrpc.sample.v1.SetDependencyRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * Breaks and mends the fake dependencies, so health changes can be seen.
 *
 * @author health-grpc authors
 */
public class DependencyControlService extends DependencyControlGrpc.DependencyControlImplBase {

	private final FakeDependencies dependencies;

	public DependencyControlService(FakeDependencies dependencies) {
		this.dependencies = dependencies;
	}

	@Override
	public void setDependency(SetDependencyRequest request, StreamObserver<SetDependencyReply> responseObserver) {
		if (!FakeDependencies.NAMES.contains(request.getName())) {
			responseObserver
				.onError(Status.INVALID_ARGUMENT.withDescription("dependency must be one of " + FakeDependencies.NAMES)
					.asException());
			return;
		}
		this.dependencies.set(request.getName(), request.getUp());
		responseObserver.onNext(SetDependencyReply.getDefaultInstance());
		responseObserver.onCompleted();
	}

}
