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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

import org.springframework.util.Assert;

/**
 * Builds the status and trailers for an exception mapped to a code, safely: INTERNAL,
 * UNKNOWN and DATA_LOSS carry only an error id (the server logs the exception under the
 * same id); other codes carry the exception's message cut to a bound. Every response
 * carries rich details in {@code grpc-status-details-bin}: an {@link ErrorInfo}, a
 * {@link BadRequest} for validation failures, and a {@link RetryInfo} where a retry makes
 * sense.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ErrorResponseFactory {

	/**
	 * Trailer that carries the error id.
	 */
	public static final Metadata.Key<String> ERROR_ID_KEY = Metadata.Key.of("error-id",
			Metadata.ASCII_STRING_MARSHALLER);

	/**
	 * ErrorInfo metadata key of the error id.
	 */
	public static final String ERROR_ID_METADATA = "errorId";

	/**
	 * Most bytes of the {@code google.rpc.Status} sent in trailers.
	 */
	public static final int MAX_DETAILS_BYTES = 4096;

	// the key StatusProto reads; ProtoUtils.keyForProto would name it after the message
	// type instead
	private static final Metadata.Key<com.google.rpc.Status> DETAILS_KEY = Metadata.Key.of("grpc-status-details-bin",
			ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

	private static final Set<Status.Code> HIDDEN = EnumSet.of(Status.Code.INTERNAL, Status.Code.UNKNOWN,
			Status.Code.DATA_LOSS);

	private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.UNAVAILABLE,
			Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED);

	private final String domain;

	private final int maxDescriptionLength;

	private final Duration retryDelay;

	private final Supplier<String> errorIds;

	/**
	 * Create a factory with random error ids.
	 * @param domain ErrorInfo domain (the service or application that produced the error)
	 * @param maxDescriptionLength longest description sent to a client
	 * @param retryDelay RetryInfo delay for codes worth retrying
	 */
	public ErrorResponseFactory(String domain, int maxDescriptionLength, Duration retryDelay) {
		this(domain, maxDescriptionLength, retryDelay,
				() -> Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
	}

	ErrorResponseFactory(String domain, int maxDescriptionLength, Duration retryDelay, Supplier<String> errorIds) {
		Assert.hasText(domain, "'domain' must not be empty");
		Assert.isTrue(maxDescriptionLength >= 16, "'maxDescriptionLength' must be at least 16");
		this.domain = domain;
		this.maxDescriptionLength = maxDescriptionLength;
		this.retryDelay = retryDelay;
		this.errorIds = errorIds;
	}

	/**
	 * Build the response for an exception, with its message where the code allows it.
	 * @param exception what the handler threw
	 * @param code the code it maps to
	 * @return the status and trailers to close the call with
	 */
	public ErrorResponse create(Throwable exception, Status.Code code) {
		return create(exception, code, true);
	}

	/**
	 * Build the response for an exception.
	 * @param exception what the handler threw or passed on
	 * @param code the code it maps to
	 * @param withMessage whether the exception's message may be the description (for
	 * codes that allow it); otherwise the code's name is
	 * @return the status and trailers to close the call with
	 */
	public ErrorResponse create(Throwable exception, Status.Code code, boolean withMessage) {
		String errorId = this.errorIds.get();
		List<BadRequest.FieldViolation> violations = (code == Status.Code.INVALID_ARGUMENT)
				? FieldViolations.of(exception, this.maxDescriptionLength) : List.of();
		String description = isHidden(code) ? "Internal error (error id " + errorId + ")"
				: describe(withMessage ? exception.getMessage() : null, code, violations);
		com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
			.setCode(code.value())
			.setMessage(description)
			.addDetails(Any.pack(ErrorInfo.newBuilder()
				.setReason(code.name())
				.setDomain(this.domain)
				.putMetadata(ERROR_ID_METADATA, errorId)
				.build()));
		if (RETRYABLE.contains(code)) {
			details.addDetails(Any.pack(RetryInfo.newBuilder()
				.setRetryDelay(com.google.protobuf.Duration.newBuilder()
					.setSeconds(this.retryDelay.getSeconds())
					.setNanos(this.retryDelay.getNano()))
				.build()));
		}
		addViolations(details, violations);
		Metadata trailers = new Metadata();
		trailers.put(ERROR_ID_KEY, errorId);
		trailers.put(DETAILS_KEY, details.build());
		return new ErrorResponse(Status.fromCode(code).withDescription(description), trailers, errorId);
	}

	/**
	 * Return a status whose description is at most the maximum length.
	 * @param status the status
	 * @return the status, its description cut if too long
	 */
	public Status bound(Status status) {
		String description = status.getDescription();
		if (description == null) {
			return status;
		}
		String bounded = Descriptions.truncate(description, this.maxDescriptionLength);
		return (bounded != description) ? status.withDescription(bounded) : status;
	}

	/**
	 * Add as many violations, in order, as keep the details within
	 * {@link #MAX_DETAILS_BYTES}: grpc-java clients drop trailers over 8 KiB by default,
	 * and the status with them.
	 */
	private static void addViolations(com.google.rpc.Status.Builder details,
			List<BadRequest.FieldViolation> violations) {
		// the size grows with the count: find the largest count that fits
		int fitting = 0;
		int tooMany = violations.size() + 1;
		while (tooMany - fitting > 1) {
			int count = (fitting + tooMany) >>> 1;
			if (withViolations(details, violations, count).build().getSerializedSize() <= MAX_DETAILS_BYTES) {
				fitting = count;
			}
			else {
				tooMany = count;
			}
		}
		if (fitting > 0) {
			details.addDetails(badRequest(violations, fitting));
		}
	}

	private static com.google.rpc.Status.Builder withViolations(com.google.rpc.Status.Builder details,
			List<BadRequest.FieldViolation> violations, int count) {
		return details.clone().addDetails(badRequest(violations, count));
	}

	private static Any badRequest(List<BadRequest.FieldViolation> violations, int count) {
		return Any.pack(BadRequest.newBuilder().addAllFieldViolations(violations.subList(0, count)).build());
	}

	/**
	 * Return whether a code hides the exception's message.
	 * @param code the code
	 * @return whether only an error id is sent
	 */
	public static boolean isHidden(Status.Code code) {
		return HIDDEN.contains(code);
	}

	private String describe(String message, Status.Code code, List<BadRequest.FieldViolation> violations) {
		if (!violations.isEmpty()) {
			// validation exceptions' own messages name classes and binding internals:
			// describe the fields instead
			BadRequest.FieldViolation first = violations.get(0);
			String more = (violations.size() > 1) ? " (and " + (violations.size() - 1) + " more)" : "";
			return Descriptions.truncate("Invalid " + first.getField() + ": " + first.getDescription(),
					this.maxDescriptionLength - more.length()) + more;
		}
		if (message == null || message.isBlank() || !Descriptions.isSafe(message)) {
			return code.name();
		}
		return Descriptions.truncate(message, this.maxDescriptionLength);
	}

}
