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

package io.github.healthgrpc.benchmarks.boot4;

import java.util.Map;

import io.github.healthgrpc.benchmarks.server.BenchServer;

/**
 * The Spring Boot 4.1 line's server jar: {@code java -jar boot4-server.jar <kind>} starts
 * <ul>
 * <li>{@code bare4}: (a4) bare grpc-java on Spring Boot 4.1's transport (grpc-java
 * 1.84.1, grpc-netty, Netty 4.2);</li>
 * <li>{@code boot4}: (d) Spring Boot 4.1 with its own gRPC server and its built-in
 * health;</li>
 * <li>{@code starter4}: (e) the same application with health-grpc;</li>
 * <li>{@code starter4-slow}: (e) with a health contributor that takes 5 s;</li>
 * </ul>
 * and speaks the {@link BenchServer} protocol.
 *
 * @author health-grpc authors
 */
public final class Boot4Server {

	private Boot4Server() {
	}

	public static void main(String[] args) throws Exception {
		BenchServer.run(args, Map.of("bare4", BareServer::grpcJava, "boot4", SpringServers::bootBuiltIn, "starter4",
				SpringServers::healthGrpc, "starter4-slow", SpringServers::healthGrpcWithSlowContributor));
	}

}
