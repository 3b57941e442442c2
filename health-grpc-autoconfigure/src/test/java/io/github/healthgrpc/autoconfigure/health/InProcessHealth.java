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

package io.github.healthgrpc.autoconfigure.health;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.healthgrpc.health.v1.HealthListRequest;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Serves a context's health service in-process for a moment, so that tests check what a
 * property does to the service rather than to the properties.
 *
 * @author health-grpc authors
 */
final class InProcessHealth {

	private final ManagedChannel channel;

	private InProcessHealth(ManagedChannel channel) {
		this.channel = channel;
	}

	static void with(BindableService service, Consumer<InProcessHealth> test) {
		String name = InProcessServerBuilder.generateName();
		Server server;
		try {
			server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		try {
			test.accept(new InProcessHealth(channel));
		}
		finally {
			channel.shutdownNow();
			server.shutdownNow();
		}
	}

	Status.Code listFails() {
		try {
			io.github.healthgrpc.health.v1.HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.list(HealthListRequest.getDefaultInstance());
			return Status.Code.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode();
		}
	}

	void watch() {
		HealthGrpc.newStub(this.channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

			@Override
			public void onNext(HealthCheckResponse value) {
			}

			@Override
			public void onError(Throwable t) {
			}

			@Override
			public void onCompleted() {
			}

		});
	}

	Status.Code watchFails() {
		java.util.Iterator<HealthCheckResponse> responses = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.watch(HealthCheckRequest.getDefaultInstance());
		try {
			responses.next();
			return Status.Code.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode();
		}
	}

}
