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

import java.util.OptionalInt;

import org.springframework.lang.Nullable;

/**
 * The application's gRPC server as it is configured, known before it starts: what a
 * registration made before the server binds (Spring Cloud Consul registers a web
 * application when its web server starts) can already say. Each integration's adapter
 * provides one bean.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public interface ConfiguredGrpcServer {

	/**
	 * Return the configured listen address.
	 * @return a specific address, or {@code null} or a wildcard for all
	 */
	@Nullable
	String address();

	/**
	 * Return the port the server will bind, when it is known before it binds.
	 * @return the port, or empty when only the bound port will tell (port 0 picked by the
	 * operating system) or when there is no network server
	 */
	OptionalInt port();

	/**
	 * Return whether the server is configured to serve TLS.
	 * @return whether it is
	 */
	default boolean tls() {
		return serverTls().enabled();
	}

	/**
	 * Return the server's TLS as configured, with the names of the properties that set
	 * it: what a check from outside (Consul's GRPC check) needs to pass.
	 * @return the TLS settings
	 */
	ServerTls serverTls();

	/**
	 * Return the name of the integration that runs the server, for messages.
	 * @return for example {@code net.devh grpc-spring-boot-starter}
	 */
	String integration();

}
