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

package io.github.healthgrpc.sample.server;

import io.github.healthgrpc.sample.v1.DependencyControlGrpc;
import io.grpc.health.v1.HealthGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.stereotype.Component;

/**
 * The stubs another Spring service would inject: grpc-java's stock
 * {@code HealthBlockingStub} and {@code HealthStub} with {@code @GrpcClient}. Here they
 * call the sample itself ({@code self:self}).
 *
 * @author health-grpc authors
 */
@Component
public class SampleClients {

	@GrpcClient("self")
	HealthGrpc.HealthBlockingStub health;

	@GrpcClient("self")
	HealthGrpc.HealthStub healthWatch;

	@GrpcClient("self")
	DependencyControlGrpc.DependencyControlBlockingStub control;

	public HealthGrpc.HealthBlockingStub health() {
		return this.health;
	}

	public HealthGrpc.HealthStub healthWatch() {
		return this.healthWatch;
	}

	public DependencyControlGrpc.DependencyControlBlockingStub control() {
		return this.control;
	}

}
