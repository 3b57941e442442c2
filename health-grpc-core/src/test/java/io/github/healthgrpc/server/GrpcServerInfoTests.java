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

package io.github.healthgrpc.server;

import java.util.List;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.OtherGrpc;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link GrpcServerInfo}.
 *
 * @author health-grpc authors
 */
class GrpcServerInfoTests {

	@Test
	void serviceNamesAreTheFullNamesOfWhatTheServerServes() {
		Server server = InProcessServerBuilder.forName("names").addService(new EchoGrpc.EchoImplBase() {
		}).addService(new OtherGrpc.OtherImplBase() {
		}).build();
		assertThat(GrpcServerInfo.serviceNames(server)).containsExactlyInAnyOrder("test.v1.Echo", "test.v1.Other");
	}

	@Test
	void everySpellingOfTheWildcardMeansAllAddresses() {
		for (String all : new String[] { null, "*", "0.0.0.0", "::", "::0", "0:0::0", "[::]", " 0.0.0.0 " }) {
			assertThat(new GrpcServerInfo(all, 9090, false, List.of()).isSpecificAddress()).as(all).isFalse();
		}
		for (String one : new String[] { "127.0.0.1", "::1", "[::1]", "10.1.2.3", "grpc.example.com" }) {
			assertThat(new GrpcServerInfo(one, 9090, false, List.of()).isSpecificAddress()).as(one).isTrue();
		}
	}

	@Test
	void theServicesAreAnUnmodifiableCopy() {
		List<String> services = new java.util.ArrayList<>(List.of("a.A"));
		GrpcServerInfo info = new GrpcServerInfo("127.0.0.1", 1, true, services);
		services.add("b.B");
		assertThat(info.services()).containsExactly("a.A");
		assertThatIllegalArgumentException().isThrownBy(() -> new GrpcServerInfo(null, 1, false, null));
	}

}
