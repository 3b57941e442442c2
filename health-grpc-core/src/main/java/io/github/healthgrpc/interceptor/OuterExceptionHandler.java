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

/**
 * The gRPC integration's own exception handling, which sits outside health-grpc's
 * {@link ExceptionStatusServerInterceptor} (net.devh's {@code @GrpcAdvice}, Spring gRPC's
 * {@code GrpcExceptionHandler} beans): the exceptions it handles are left to it, thrown
 * or passed to {@code onError}, so that the application's own handlers win over
 * health-grpc's defaults.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface OuterExceptionHandler {

	/**
	 * None: health-grpc maps every exception.
	 */
	OuterExceptionHandler NONE = (exception) -> false;

	/**
	 * Return whether the integration's handler answers an exception.
	 * @param exception what a handler threw or passed to {@code onError}
	 * @return whether to leave it to that handler
	 */
	boolean handles(Throwable exception);

}
