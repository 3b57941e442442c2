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

package io.github.healthgrpc.reliability;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.integration.HealthGrpcTestApplication;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.github.healthgrpc.reliability.HealthCalls.Outcome;
import io.github.healthgrpc.reliability.HealthCalls.Watch;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ten times more Watch streams than {@code health-grpc.health.watch.max-streams} allows,
 * from several connections at once: exactly the maximum is accepted, every other one is
 * refused with RESOURCE_EXHAUSTED, Check keeps answering, and the capacity comes back
 * when the accepted streams end.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = HealthGrpcTestApplication.class,
		properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
				"health-grpc.health.lifecycle.drain-delay=0",
				"health-grpc.health.watch.max-streams=" + WatchFloodReliabilityTests.MAX_STREAMS })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class WatchFloodReliabilityTests {

	static final int MAX_STREAMS = 50;

	static final int FLOOD = 500;

	static final int CONNECTIONS = 5;

	private static final String REFUSED = "too many health watch streams (maximum " + MAX_STREAMS + ")";

	@Autowired
	private ServerEvents events;

	@Autowired
	private HealthGrpcService health;

	private final List<ManagedChannel> channels = new ArrayList<>();

	private final List<Watch> watches = new ArrayList<>();

	@BeforeEach
	void connect() {
		for (int i = 0; i < CONNECTIONS; i++) {
			this.channels.add(NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.events.port()))
				.usePlaintext()
				.build());
		}
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.watches.forEach(Watch::cancel);
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void exactlyTheMaximumIsAcceptedTheRestRefusedAndCapacityReturns(CapturedOutput output) {
		List<Watch> flood = open(FLOOD);
		List<Outcome> outcomes = flood.stream().map(Watch::first).toList();
		List<Watch> accepted = flood.stream().filter((watch) -> watch.first().code() == Status.Code.OK).toList();
		assertThat(accepted).hasSize(MAX_STREAMS)
			.allSatisfy(
					(watch) -> assertThat(watch.first().result()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING));
		assertThat(outcomes).filteredOn((outcome) -> outcome.code() != Status.Code.OK)
			.hasSize(FLOOD - MAX_STREAMS)
			.allSatisfy((outcome) -> {
				assertThat(outcome.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
				assertThat(outcome.description()).isEqualTo(REFUSED);
			});
		assertThat(this.health.getWatchStreamCount()).isEqualTo(MAX_STREAMS);
		// the accepted ones stay open, and Check is not refused
		assertThat(accepted).noneMatch(Watch::ended);
		assertThat(checkOverall()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		// 450 refusals cost one WARN line (the next would come a minute later)
		assertThat(output.getOut().split("gRPC health Watch stream\\(s\\) with RESOURCE_EXHAUSTED", -1)).hasSize(2);

		accepted.forEach(Watch::cancel);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.health.getWatchStreamCount() == 0);
		List<Watch> again = open(MAX_STREAMS);
		assertThat(again).allSatisfy(
				(watch) -> assertThat(watch.first().result()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING));
		assertThat(open(1).get(0).first().code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
	}

	private List<Watch> open(int count) {
		List<Watch> opened = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Watch watch = new Watch();
			ManagedChannel channel = this.channels.get(i % CONNECTIONS);
			ClientCalls.asyncServerStreamingCall(channel.newCall(RawHealthMethods.WATCH, CallOptions.DEFAULT),
					HealthCalls.request(""), watch);
			opened.add(watch);
		}
		this.watches.addAll(opened);
		// bounded: each first() waits at most 10 s
		opened.forEach(Watch::first);
		return opened;
	}

	private HealthCheckResponse.ServingStatus checkOverall() {
		return HealthGrpc.newBlockingStub(this.channels.get(0))
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

}
