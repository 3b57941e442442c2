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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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

	@Test
	void rejectsWhatCanNeverBeRight() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ErrorResponseFactory("", 64, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErrorResponseFactory("d", 15, Duration.ZERO));
		assertThat(new ErrorResponseFactory("d", 16, Duration.ZERO)
			.create(new IllegalArgumentException("x".repeat(40)), Status.Code.INVALID_ARGUMENT)
			.status()
			.getDescription()).hasSize(16);
	}

	@Test
	void aDescriptionOfExactlyTheMaximumIsKeptWhole() {
		String exact = "d".repeat(64);
		assertThat(this.factory.bound(Status.NOT_FOUND.withDescription(exact)).getDescription()).isEqualTo(exact);
		assertThat(this.factory.bound(Status.NOT_FOUND.withDescription(exact + "e")).getDescription()).hasSize(64)
			.endsWith("...");
		assertThat(this.factory.create(new IllegalArgumentException(exact), Status.Code.INVALID_ARGUMENT)
			.status()
			.getDescription()).isEqualTo(exact);
		Status none = Status.NOT_FOUND;
		assertThat(this.factory.bound(none)).isSameAs(none);
	}

	@Test
	void manyViolationsKeepTheirCountInADescriptionOfTheMaximumLength() {
		ErrorResponse response = this.factory.create(manyViolations(7, 100), Status.Code.INVALID_ARGUMENT);
		assertThat(response.status().getDescription()).hasSize(64).startsWith("Invalid f0_").endsWith("(and 6 more)");
	}

	@Test
	void asManyViolationsAsFitAreSentAndNotOneMore() throws Exception {
		ErrorResponseFactory wide = new ErrorResponseFactory("orders", 256, Duration.ofSeconds(2));
		org.springframework.validation.BindException exception = manyViolations(60, 250);
		com.google.rpc.Status details = details(wide.create(exception, Status.Code.INVALID_ARGUMENT));
		assertThat(details.getSerializedSize()).isLessThanOrEqualTo(ErrorResponseFactory.MAX_DETAILS_BYTES);
		BadRequest sent = details.getDetailsList()
			.stream()
			.filter((any) -> any.is(BadRequest.class))
			.findFirst()
			.orElseThrow()
			.unpack(BadRequest.class);
		int count = sent.getFieldViolationsCount();
		assertThat(count).isBetween(1, 49);
		// one more would not fit
		java.util.List<BadRequest.FieldViolation> all = FieldViolations.of(exception, 256);
		com.google.rpc.Status.Builder more = details.toBuilder().removeDetails(details.getDetailsCount() - 1);
		more.addDetails(com.google.protobuf.Any
			.pack(BadRequest.newBuilder().addAllFieldViolations(all.subList(0, count + 1)).build()));
		assertThat(more.build().getSerializedSize()).isGreaterThan(ErrorResponseFactory.MAX_DETAILS_BYTES);
	}

	@Test
	void violationsThatAllFitAreAllSent() throws Exception {
		com.google.rpc.Status details = details(
				this.factory.create(manyViolations(3, 10), Status.Code.INVALID_ARGUMENT));
		assertThat(details.getDetails(details.getDetailsCount() - 1).unpack(BadRequest.class).getFieldViolationsCount())
			.isEqualTo(3);
	}

	@Test
	void whenNoViolationFitsNoneIsSent() {
		ErrorResponseFactory crowded = new ErrorResponseFactory("d".repeat(4_000), 256, Duration.ZERO);
		com.google.rpc.Status details = details(crowded.create(manyViolations(3, 200), Status.Code.INVALID_ARGUMENT));
		assertThat(details.getDetailsList()).noneMatch((any) -> any.is(BadRequest.class));
	}

	@Test
	void atMostFiftyViolationsAreConsidered() {
		assertThat(FieldViolations.of(manyViolations(51, 1), 64)).hasSize(FieldViolations.MAX_VIOLATIONS);
		assertThat(FieldViolations.of(manyViolations(50, 1), 64)).hasSize(50);
	}

	@Test
	void theDefaultTableKnowsBeanValidationAndSpringSecurityWhenPresent() {
		ExceptionStatusMapper defaults = ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(null));
		assertThat(defaults.map(new jakarta.validation.ValidationException())).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(defaults.map(new org.springframework.security.access.AccessDeniedException("no")))
			.isEqualTo(Status.Code.PERMISSION_DENIED);
		// a subclass of AccessDeniedException
		assertThat(defaults.map(new org.springframework.security.authorization.AuthorizationDeniedException("no")))
			.isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(defaults.map(new org.springframework.security.authentication.BadCredentialsException("no")))
			.isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(defaults.map(new java.util.NoSuchElementException())).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(defaults.map(new java.util.concurrent.TimeoutException())).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(defaults.map(new java.util.concurrent.RejectedExecutionException()))
			.isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(defaults.map(new Exception())).isNull();
	}

	@Test
	void descriptionsAreCutOnlyBeyondTheirBound() {
		assertThat(Descriptions.truncate("abcd", 4)).isEqualTo("abcd");
		assertThat(Descriptions.truncate("abcde", 4)).isEqualTo("a...");
	}

	private static org.springframework.validation.BindException manyViolations(int count, int length) {
		org.springframework.validation.MapBindingResult result = new org.springframework.validation.MapBindingResult(
				new java.util.HashMap<>(), "request");
		for (int i = 0; i < count; i++) {
			result.rejectValue("f" + i + "_" + "f".repeat(length), "invalid", "bad: " + "m".repeat(length));
		}
		return new org.springframework.validation.BindException(result);
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
