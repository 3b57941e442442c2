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

/**
 * Hears when the application's gRPC server started and when it begins to stop. Beans of
 * this type are called by the adapter of the integration that runs the server, in their
 * {@link org.springframework.core.Ordered order}, on the thread that started or stops the
 * server.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public interface GrpcServerListener {

	/**
	 * The server started: it listens and serves every service it reports.
	 * @param server the server
	 */
	void serverStarted(GrpcServerInfo server);

	/**
	 * The server is about to stop (it still answers until this returns).
	 */
	default void serverStopping() {
	}

}
