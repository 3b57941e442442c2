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
 * The story's harness: starting the Consul agent and the Greeter processes, waiting for
 * what the story expects, narrating it, and reading Consul's view. Nothing here is for a
 * user to copy; the Greeters ({@code server}, and {@code sample-greeter-boot4}) and the
 * client ({@code client}) are.
 */
package io.github.healthgrpc.sample.harness;
