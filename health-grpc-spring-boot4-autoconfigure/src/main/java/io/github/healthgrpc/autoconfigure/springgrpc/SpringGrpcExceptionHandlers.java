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

import java.util.List;

import io.github.healthgrpc.interceptor.OuterExceptionHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * The application's Spring gRPC exception handlers ({@link GrpcExceptionHandler} beans,
 * {@code @GrpcAdvice} methods among them), which Spring gRPC asks in its own interceptor,
 * outside health-grpc's: an exception one of them answers is left to them, so that the
 * application's handlers win over health-grpc's defaults.
 *
 * <p>
 * A handler is asked twice for an exception it answers: here, and by Spring gRPC.
 * Handlers are functions of the exception, so the answer is the same.
 *
 * @author health-grpc authors
 */
final class SpringGrpcExceptionHandlers implements OuterExceptionHandler {

	private final ObjectProvider<GrpcExceptionHandler> handlers;

	private volatile List<GrpcExceptionHandler> resolved;

	SpringGrpcExceptionHandlers(ObjectProvider<GrpcExceptionHandler> handlers) {
		this.handlers = handlers;
	}

	@Override
	public boolean handles(Throwable exception) {
		for (GrpcExceptionHandler handler : handlers()) {
			if (handler.handleException(exception) != null) {
				return true;
			}
		}
		return false;
	}

	private List<GrpcExceptionHandler> handlers() {
		List<GrpcExceptionHandler> current = this.resolved;
		if (current == null) {
			// read once, at the first failure: every handler bean exists by then
			current = this.handlers.orderedStream().toList();
			this.resolved = current;
		}
		return current;
	}

}
