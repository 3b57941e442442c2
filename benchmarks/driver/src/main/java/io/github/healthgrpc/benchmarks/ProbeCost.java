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

package io.github.healthgrpc.benchmarks;

import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.HdrHistogram.Histogram;

/**
 * What one Consul GRPC check costs the server: Consul dials a new connection for every
 * check, calls {@code Check("")} with the check's timeout and hangs up; this does the
 * same, one probe after the other, and reads the server's CPU time around them.
 *
 * @author health-grpc authors
 */
final class ProbeCost {

	private final int probes;

	ProbeCost(int probes) {
		this.probes = probes;
	}

	Result run(ServerProcess server) throws Exception {
		for (int i = 0; i < this.probes / 5; i++) {
			probe(server.port());
		}
		Histogram latencies = new Histogram(3);
		long cpuBefore = server.cpuNanos();
		for (int i = 0; i < this.probes; i++) {
			long start = System.nanoTime();
			probe(server.port());
			latencies.recordValue((System.nanoTime() - start) / 1_000);
		}
		long cpu = server.cpuNanos() - cpuBefore;
		return new Result(latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(99) / 1e3,
				cpu / 1e3 / this.probes);
	}

	private static void probe(int port) throws InterruptedException {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		try {
			HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance());
			if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
				throw new IllegalStateException("probe answered " + response.getStatus());
			}
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * Probe figures.
	 *
	 * @param p50Millis median time of one probe, connection included
	 * @param p99Millis 99th percentile
	 * @param serverCpuMicros server CPU time per probe
	 */
	record Result(double p50Millis, double p99Millis, double serverCpuMicros) {

	}

}
