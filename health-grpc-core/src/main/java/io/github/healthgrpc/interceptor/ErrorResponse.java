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

package io.github.healthgrpc.interceptor;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * What a failed call is closed with.
 *
 * @param status the status, with a safe description
 * @param trailers the trailers: the error id and the {@code google.rpc.Status} details
 * @param errorId the id that also appears in the server log
 * @author health-grpc authors
 * @since 0.1.0
 */
public record ErrorResponse(Status status, Metadata trailers, String errorId) {

}
