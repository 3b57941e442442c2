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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import io.grpc.Status;

import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Chooses the gRPC status code for an exception that a service threw.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExceptionStatusMapper {

	/**
	 * Return the code for an exception.
	 * @param exception what the handler threw
	 * @return the code, or {@code null} to let the next mapper decide
	 */
	@Nullable
	Status.Code map(Throwable exception);

	/**
	 * Return a mapper that looks the exception's class up in a table, most specific type
	 * first: the class, then each of its superclasses.
	 * @param table exception type to code
	 * @return the mapper
	 */
	static ExceptionStatusMapper of(Map<Class<? extends Throwable>, Status.Code> table) {
		Map<Class<? extends Throwable>, Status.Code> copy = Map.copyOf(table);
		return (exception) -> {
			for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
				Status.Code code = copy.get(type);
				if (code != null) {
					return code;
				}
			}
			return null;
		};
	}

	/**
	 * Return a mapper that asks each mapper in turn and takes the first answer.
	 * @param mappers the mappers, in order
	 * @return the mapper
	 */
	static ExceptionStatusMapper firstOf(List<ExceptionStatusMapper> mappers) {
		List<ExceptionStatusMapper> copy = List.copyOf(mappers);
		return (exception) -> {
			for (ExceptionStatusMapper mapper : copy) {
				Status.Code code = mapper.map(exception);
				if (code != null) {
					return code;
				}
			}
			return null;
		};
	}

	/**
	 * Return the default table: common Java and Spring exceptions, plus Spring Security's
	 * and Bean Validation's when they are on the class path.
	 * @param classLoader where to look for optional exception types
	 * @return exception type to code
	 */
	static Map<Class<? extends Throwable>, Status.Code> defaultTable(@Nullable ClassLoader classLoader) {
		Map<Class<? extends Throwable>, Status.Code> table = new LinkedHashMap<>();
		table.put(IllegalArgumentException.class, Status.Code.INVALID_ARGUMENT);
		table.put(NoSuchElementException.class, Status.Code.NOT_FOUND);
		table.put(IllegalStateException.class, Status.Code.FAILED_PRECONDITION);
		table.put(UnsupportedOperationException.class, Status.Code.UNIMPLEMENTED);
		table.put(TimeoutException.class, Status.Code.DEADLINE_EXCEEDED);
		table.put(RejectedExecutionException.class, Status.Code.RESOURCE_EXHAUSTED);
		table.put(org.springframework.validation.BindException.class, Status.Code.INVALID_ARGUMENT);
		putIfPresent(table, "jakarta.validation.ValidationException", Status.Code.INVALID_ARGUMENT, classLoader);
		putIfPresent(table, "org.springframework.security.access.AccessDeniedException", Status.Code.PERMISSION_DENIED,
				classLoader);
		putIfPresent(table, "org.springframework.security.core.AuthenticationException", Status.Code.UNAUTHENTICATED,
				classLoader);
		return table;
	}

	@SuppressWarnings("unchecked")
	private static void putIfPresent(Map<Class<? extends Throwable>, Status.Code> table, String className,
			Status.Code code, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(className, classLoader)) {
			table.put((Class<? extends Throwable>) ClassUtils.resolveClassName(className, classLoader), code);
		}
	}

}
