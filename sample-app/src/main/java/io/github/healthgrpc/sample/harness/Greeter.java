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

package io.github.healthgrpc.sample.harness;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.sample.harness.Waits.StoryFailure;
import io.github.healthgrpc.sample.v1.DependencyControlGrpc;
import io.github.healthgrpc.sample.v1.GreeterGrpc;
import io.github.healthgrpc.sample.v1.SetDependencyRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * A running Greeter as the story sees it: its process, the port its server bound, and a
 * channel straight to it (not through Consul) for the story's own checks and switches.
 * Thread-safe.
 *
 * @author health-grpc authors
 */
public final class Greeter {

	private final String name;

	private final Line line;

	private final int weight;

	private final GreeterProcess process;

	// guarded by this
	private ManagedChannel channel;

	private Greeter(String name, Line line, int weight, GreeterProcess process) {
		this.name = name;
		this.line = line;
		this.weight = weight;
		this.process = process;
	}

	static Greeter start(String name, Line line, int weight, String consulHost, int consulPort, Path logs) {
		return new Greeter(name, line, weight,
				GreeterProcess.start(name, line.command(name, weight, consulHost, consulPort), logs));
	}

	public String name() {
		return this.name;
	}

	public Line line() {
		return this.line;
	}

	/**
	 * Its name and its line, as the story says it.
	 */
	public String title() {
		return "greeter " + this.name + " (" + this.line.description() + ")";
	}

	public int weight() {
		return this.weight;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path log() {
		return this.process.log();
	}

	/**
	 * Wait until its server listens.
	 * @return the port it bound
	 */
	public int awaitPort(Duration timeout) {
		Waits.until(title() + " to start its gRPC server", timeout,
				() -> this.process.boundPort().isPresent() || !this.process.isAlive());
		if (this.process.boundPort().isEmpty()) {
			throw new StoryFailure(title() + " stopped before its server started (log: " + log() + ")");
		}
		return port();
	}

	public int port() {
		return this.process.boundPort().orElseThrow(() -> new StoryFailure(title() + " has no server yet"));
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Its overall status ({@code ""}), asked directly.
	 */
	public ServingStatus check() {
		return HealthGrpc.newBlockingStub(channel())
			.withDeadlineAfter(1, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	/**
	 * Whether its Health service answers at all.
	 */
	public boolean answersCheck() {
		try {
			check();
			return true;
		}
		catch (StatusRuntimeException ex) {
			return false;
		}
	}

	/**
	 * Break or mend its inventory (an Actuator health indicator).
	 */
	public void setInventory(boolean up) {
		DependencyControlGrpc.newBlockingStub(channel())
			.withDeadlineAfter(2, TimeUnit.SECONDS)
			.setDependency(SetDependencyRequest.newBuilder().setName("inventory").setUp(up).build());
	}

	/**
	 * A Greeter stub that calls this greeter only.
	 */
	public GreeterGrpc.GreeterBlockingStub greeter() {
		return GreeterGrpc.newBlockingStub(channel());
	}

	/**
	 * Send it a SIGTERM, as Kubernetes or Ctrl-C does.
	 */
	public void terminate() {
		this.process.terminate();
	}

	/**
	 * Wait for its JVM to end (and kill it when it does not in time).
	 * @return its exit code
	 */
	public int awaitExit(Duration timeout) {
		try {
			return this.process.awaitExit(timeout);
		}
		finally {
			closeChannel();
		}
	}

	private synchronized ManagedChannel channel() {
		if (this.channel == null) {
			this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port()))
				.usePlaintext()
				.build();
		}
		return this.channel;
	}

	private synchronized void closeChannel() {
		if (this.channel != null) {
			this.channel.shutdownNow();
			this.channel = null;
		}
	}

}
