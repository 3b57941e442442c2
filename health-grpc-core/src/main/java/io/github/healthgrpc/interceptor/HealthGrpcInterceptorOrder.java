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
 * Order of health-grpc's global server interceptors. A lower value runs first
 * (outermost).
 *
 * <p>
 * net.devh's own interceptors, for reference: {@code @GrpcAdvice} exception handling at
 * 0, metrics and tracing at 2500, security at 5000 to 5200. health-grpc's sit between
 * metrics and security, so metrics see the statuses they produce, and exceptions that a
 * {@code @GrpcAdvice} handles travel on to net.devh's advice interceptor.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class HealthGrpcInterceptorOrder {

	/**
	 * Order of the deadline interceptor: outside the exception interceptor, so rejections
	 * need no exception.
	 */
	public static final int DEADLINES = 2600;

	/**
	 * Order of the exception-to-status interceptor.
	 */
	public static final int EXCEPTIONS = 2700;

	private HealthGrpcInterceptorOrder() {
	}

}
