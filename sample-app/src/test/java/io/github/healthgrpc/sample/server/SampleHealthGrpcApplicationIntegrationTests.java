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

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.legacy.v0.HealthCheckRequest;
import io.github.healthgrpc.legacy.v0.HealthCheckResponse;
import io.github.healthgrpc.legacy.v0.HealthGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on a real Netty port: its scripted tour runs through, and the seed's legacy
 * {@code /Health/check} answers beside the standard service. Each test class closes its
 * context: net.devh registers its {@code self} name resolver in grpc-java's global
 * registry, so two live contexts would share one.
 *
 * @author health-grpc authors
 */
@SpringBootTest(properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "sample.demo.enabled=false",
		"health-grpc.health.schedule.period=100ms", "health-grpc.health.lifecycle.drain-delay=0" })
@DirtiesContext
class SampleHealthGrpcApplicationIntegrationTests {

	@Autowired
	private HealthDemo demo;

	@Autowired
	private GrpcServerProperties server;

	@Test
	void theTourShowsEachStatusFollowingItsDependencies() {
		assertThat(this.demo.run())
			.containsSubsequence("Check overall ('')        -> SERVING", "Check overall ('')        -> NOT_SERVING",
					"Check sample.v1.Greeter -> SERVING", "Check sample.v1.Greeter -> NOT_SERVING",
					"Check sample.v1.Greeter -> SERVING")
			.contains("  Watch sample.v1.Greeter pushed NOT_SERVING");
	}

	@Test
	void theSeedsLegacyCheckAnswers() throws InterruptedException {
		// net.devh replaces port 0 with the free port it binds
		int port = this.server.getPort();
		ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
			.usePlaintext()
			.build();
		try {
			HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.check(HealthCheckRequest.newBuilder().setService("").build());
			assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
