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

package io.github.healthgrpc.benchmarks.server;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EchoService}.
 *
 * @author health-grpc authors
 */
class EchoServiceTests {

	@Test
	void answersWithTheRequest() throws Exception {
		String name = InProcessServerBuilder.generateName();
		Server server = InProcessServerBuilder.forName(name).addService(new EchoService()).build().start();
		ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
		try {
			byte[] answer = ClientCalls.blockingUnaryCall(channel, EchoService.ECHO,
					CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
					"hello".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("hello");
			assertThat(server.getServices()).extracting((service) -> service.getServiceDescriptor().getName())
				.containsExactly(EchoService.SERVICE);
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

}
