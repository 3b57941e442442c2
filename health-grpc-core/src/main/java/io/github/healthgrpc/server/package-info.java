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
/**
 * The seam between health-grpc's features and the gRPC-on-Spring integration that runs
 * the server (net.devh on Spring Boot 3.5, Spring Boot's own gRPC on 4.1): each
 * integration's adapter tells the features about the server ({@link GrpcServerInfo},
 * {@link GrpcServerListener}, {@link ConfiguredGrpcServer}) and applies the server
 * interceptors they register ({@link ServerInterceptorRegistration}).
 */
package io.github.healthgrpc.server;
