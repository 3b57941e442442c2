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

import io.grpc.Status;

/**
 * Hears what health-grpc's interceptors decide, for metrics. Called on the call's thread:
 * keep it cheap.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public interface InterceptorEventListener {

	/**
	 * Listener that does nothing.
	 */
	InterceptorEventListener NONE = new InterceptorEventListener() {
	};

	/**
	 * A handler's exception was mapped to a status.
	 * @param fullMethodName the method
	 * @param code the code sent
	 * @param exception the exception
	 */
	default void exceptionMapped(String fullMethodName, Status.Code code, Throwable exception) {
	}

	/**
	 * A call arrived with too little time left and was rejected without running its
	 * handler.
	 * @param fullMethodName the method
	 */
	default void deadlineRejected(String fullMethodName) {
	}

	/**
	 * A handler overran the deadline the server set, and the call was closed with
	 * DEADLINE_EXCEEDED.
	 * @param fullMethodName the method
	 */
	default void deadlineExceeded(String fullMethodName) {
	}

}
