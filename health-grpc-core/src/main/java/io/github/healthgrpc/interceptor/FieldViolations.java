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

import java.util.ArrayList;
import java.util.List;

import com.google.rpc.BadRequest;

import org.springframework.util.ClassUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Field violations of a validation failure, for a {@code google.rpc.BadRequest}: Spring's
 * {@link BindingResult} ({@code BindException}, {@code MethodArgumentNotValidException})
 * and Bean Validation's {@code ConstraintViolationException} when it is on the class
 * path.
 *
 * @author health-grpc authors
 */
final class FieldViolations {

	static final int MAX_VIOLATIONS = 50;

	private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils
		.isPresent("jakarta.validation.ConstraintViolationException", FieldViolations.class.getClassLoader());

	private FieldViolations() {
	}

	static List<BadRequest.FieldViolation> of(Throwable exception, int maxDescriptionLength) {
		List<BadRequest.FieldViolation> violations = new ArrayList<>();
		if (exception instanceof BindingResult result) {
			for (FieldError error : result.getFieldErrors()) {
				violations.add(violation(error.getField(), error.getDefaultMessage(), maxDescriptionLength));
			}
		}
		else if (BEAN_VALIDATION_PRESENT) {
			BeanValidation.addViolations(exception, violations, maxDescriptionLength);
		}
		return (violations.size() > MAX_VIOLATIONS) ? violations.subList(0, MAX_VIOLATIONS) : violations;
	}

	static BadRequest.FieldViolation violation(String field, String description, int maxLength) {
		return BadRequest.FieldViolation.newBuilder()
			.setField(Descriptions.truncate(field, maxLength))
			.setDescription(Descriptions.truncate(
					(description != null && Descriptions.isSafe(description)) ? description : "invalid", maxLength))
			.build();
	}

	/**
	 * Loaded only when Bean Validation is on the class path.
	 */
	private static final class BeanValidation {

		static void addViolations(Throwable exception, List<BadRequest.FieldViolation> violations, int maxLength) {
			if (exception instanceof jakarta.validation.ConstraintViolationException constraints
					&& constraints.getConstraintViolations() != null) {
				constraints.getConstraintViolations()
					.forEach((violation) -> violations.add(
							violation(String.valueOf(violation.getPropertyPath()), violation.getMessage(), maxLength)));
			}
		}

	}

}
