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

package io.github.healthgrpc.sample.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.sample.v1.GreeterGrpc;
import io.github.healthgrpc.sample.v1.HelloRequest;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.stereotype.Service;

/**
 * What another Spring service writes to call the Greeter: stubs injected by name, the
 * address and the default deadline in configuration, an explicit deadline where the call
 * needs one.
 *
 * @author health-grpc authors
 */
@Service
public class GreeterClient {

	@GrpcClient("greeter")
	private GreeterGrpc.GreeterBlockingStub greeter;

	@GrpcClient("greeter")
	private HealthGrpc.HealthBlockingStub health;

	/**
	 * Say hello, within the configured default deadline.
	 * @param name who to greet
	 * @return the greeting, which names the instance that answered
	 */
	public String sayHello(String name) {
		return this.greeter.sayHello(HelloRequest.newBuilder().setName(name).build()).getMessage();
	}

	/**
	 * Say hello within a deadline of the caller's.
	 * @param name who to greet
	 * @param deadline how long the answer may take
	 * @return the greeting
	 */
	public String sayHello(String name, Duration deadline) {
		return this.greeter.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
			.sayHello(HelloRequest.newBuilder().setName(name).build())
			.getMessage();
	}

	/**
	 * Ask one of the Greeter's instances for a status.
	 * @param service the health service name, {@code ""} for the overall status
	 * @return the status
	 */
	public HealthCheckResponse.ServingStatus check(String service) {
		return this.health.withDeadlineAfter(1, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

}
