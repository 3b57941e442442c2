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

import java.time.Duration;
import java.util.Set;

import com.google.rpc.BadRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ErrorResponseFactory}.
 *
 * @author health-grpc authors
 */
class ErrorResponseFactoryTests {

	private final ErrorResponseFactory factory = new ErrorResponseFactory("orders", 64, Duration.ofSeconds(2));

	@Test
	void beanValidationViolationsBecomeFieldViolations() throws Exception {
		ConstraintViolationException exception = new ConstraintViolationException("internal text",
				Set.of(violation("order.quantity", "must be greater than 0")));
		ErrorResponse response = this.factory.create(exception, Status.Code.INVALID_ARGUMENT);
		assertThat(response.status().getDescription()).isEqualTo("Invalid order.quantity: must be greater than 0");
		com.google.rpc.Status details = details(response);
		BadRequest badRequest = details.getDetails(1).unpack(BadRequest.class);
		assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("order.quantity");
	}

	@Test
	void errorIdsDifferFromCallToCall() {
		ErrorResponse first = this.factory.create(new IllegalStateException(), Status.Code.INTERNAL);
		ErrorResponse second = this.factory.create(new IllegalStateException(), Status.Code.INTERNAL);
		assertThat(first.errorId()).isNotEqualTo(second.errorId()).hasSize(16);
		assertThat(first.trailers().get(ErrorResponseFactory.ERROR_ID_KEY)).isEqualTo(first.errorId());
	}

	@Test
	void aCallerCodeWithoutMessageIsDescribedByItsName() {
		assertThat(this.factory.create(new IllegalArgumentException(), Status.Code.INVALID_ARGUMENT)
			.status()
			.getDescription()).isEqualTo("INVALID_ARGUMENT");
	}

	private static com.google.rpc.Status details(ErrorResponse response) {
		Metadata trailers = response.trailers();
		return StatusProto.fromStatusAndTrailers(response.status(), trailers);
	}

	private static ConstraintViolation<?> violation(String path, String message) {
		Path propertyPath = mock(Path.class);
		given(propertyPath.toString()).willReturn(path);
		ConstraintViolation<?> violation = mock(ConstraintViolation.class);
		given(violation.getPropertyPath()).willReturn(propertyPath);
		given(violation.getMessage()).willReturn(message);
		return violation;
	}

}
