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

package io.github.healthgrpc.benchmarks.boot3;

import java.util.Map;

import io.github.healthgrpc.benchmarks.server.BenchServer;

/**
 * The Spring Boot 3.5 line's server jar: {@code java -jar boot3-server.jar <kind>} starts
 * <ul>
 * <li>{@code bare}: (a) bare grpc-java 1.85.1 on grpc-netty-shaded;</li>
 * <li>{@code netdevh}: (b) Spring Boot 3.5 + net.devh 3.1.0's built-in health;</li>
 * <li>{@code starter}: (c) the same application with health-grpc;</li>
 * <li>{@code starter-slow}: (c) with a health contributor that takes 5 s;</li>
 * </ul>
 * and speaks the {@link BenchServer} protocol.
 *
 * @author health-grpc authors
 */
public final class Boot3Server {

	private Boot3Server() {
	}

	public static void main(String[] args) throws Exception {
		BenchServer.run(args, Map.of("bare", BareServer::grpcJava, "netdevh", SpringServers::netDevhBuiltIn, "starter",
				SpringServers::healthGrpc, "starter-slow", SpringServers::healthGrpcWithSlowContributor));
	}

}
