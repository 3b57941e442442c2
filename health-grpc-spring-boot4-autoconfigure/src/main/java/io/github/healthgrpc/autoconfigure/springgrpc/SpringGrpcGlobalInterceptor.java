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
package io.github.healthgrpc.autoconfigure.springgrpc;

import io.github.healthgrpc.server.ServerInterceptorRegistration;

import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * A feature's {@link ServerInterceptorRegistration} as a Spring gRPC global server
 * interceptor, at the registration's order.
 *
 * @author health-grpc authors
 */
@GlobalServerInterceptor
final class SpringGrpcGlobalInterceptor extends ServerInterceptorRegistration {

	SpringGrpcGlobalInterceptor(ServerInterceptorRegistration registration) {
		super(registration);
	}

}
