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
 * Auto-configuration of the client side: the client properties
 * ({@code health-grpc.client.*}) and each channel's service config, written once for both
 * Spring Boot lines; and, in each line's module, what applies them to its integration's
 * channels (net.devh's {@code GrpcChannelConfigurer}s, or Spring gRPC's channel builder
 * customizers), the {@code discovery:///} resolver factory, stubs net.devh cannot make,
 * and the downstream health contributor.
 */
package io.github.healthgrpc.autoconfigure.client;
