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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.grpc.Status;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Turns {@code health-grpc.interceptors.exceptions.mapping} into a type table over the
 * defaults, failing on an unknown class, a class that is no exception, or an unknown
 * code, with the property's name.
 *
 * @author health-grpc authors
 */
final class ExceptionMappingTable {

	private ExceptionMappingTable() {
	}

	@SuppressWarnings("unchecked")
	static Map<Class<? extends Throwable>, Status.Code> of(Map<String, String> mapping,
			Map<Class<? extends Throwable>, Status.Code> defaults, @Nullable ClassLoader classLoader) {
		Map<Class<? extends Throwable>, Status.Code> table = new LinkedHashMap<>(defaults);
		mapping.forEach((className, codeName) -> {
			String property = HealthGrpcInterceptorsProperties.PREFIX + ".exceptions.mapping[" + className + "]";
			if (!ClassUtils.isPresent(className, classLoader)) {
				throw new InvalidConfigurationPropertyValueException(property, className,
						"No class named '" + className + "' on the class path");
			}
			Class<?> type = ClassUtils.resolveClassName(className, classLoader);
			if (!Throwable.class.isAssignableFrom(type)) {
				throw new InvalidConfigurationPropertyValueException(property, className,
						"'" + className + "' is not an exception type");
			}
			table.put((Class<? extends Throwable>) type, code(property, codeName));
		});
		return table;
	}

	private static Status.Code code(String property, String name) {
		try {
			Status.Code code = Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
			if (code == Status.Code.OK) {
				throw new IllegalArgumentException();
			}
			return code;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"Not a gRPC error code (for example NOT_FOUND or INVALID_ARGUMENT)");
		}
	}

}
