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

package io.github.healthgrpc.autoconfigure.interceptor;

import io.github.healthgrpc.interceptor.InterceptorEventListener;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts interceptor decisions in Micrometer: {@code grpc.server.exceptions} (tags
 * {@code method}, {@code code}, {@code exception}) and {@code grpc.server.deadline} (tags
 * {@code method}, {@code outcome} {@code rejected} or {@code exceeded}).
 *
 * @author health-grpc authors
 */
class MicrometerInterceptorEventListener implements InterceptorEventListener {

	private final MeterRegistry registry;

	MicrometerInterceptorEventListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void exceptionMapped(String fullMethodName, Status.Code code, Throwable exception) {
		Counter.builder("grpc.server.exceptions")
			.description("Exceptions of gRPC handlers mapped to a status")
			.tag("method", fullMethodName)
			.tag("code", code.name())
			.tag("exception", typeName(exception.getClass()))
			.register(this.registry)
			.increment();
	}

	/**
	 * Return the simple name, or for an anonymous class (whose simple name is empty) its
	 * binary name without the package.
	 */
	static String typeName(Class<?> type) {
		String name = type.getSimpleName();
		if (!name.isEmpty()) {
			return name;
		}
		String binary = type.getName();
		return binary.substring(binary.lastIndexOf('.') + 1);
	}

	@Override
	public void deadlineRejected(String fullMethodName) {
		deadline(fullMethodName, "rejected");
	}

	@Override
	public void deadlineExceeded(String fullMethodName) {
		deadline(fullMethodName, "exceeded");
	}

	private void deadline(String method, String outcome) {
		Counter.builder("grpc.server.deadline")
			.description("gRPC calls rejected for too short a deadline, or closed when the server's deadline passed")
			.tag("method", method)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
