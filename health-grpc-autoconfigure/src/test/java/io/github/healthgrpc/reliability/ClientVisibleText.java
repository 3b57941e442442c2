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

package io.github.healthgrpc.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client may read of a failed call (descriptions, header and trailer values, the
 * rich error details) and the patterns that must never be in it: stack traces, class and
 * package names, and the {@link #SECRET} that the test services put in their exceptions.
 *
 * @author health-grpc authors
 */
final class ClientVisibleText {

	/**
	 * Marker carried by every exception whose message is not meant for the caller.
	 */
	static final String SECRET = "S3CR3T-5eb1d9";

	/**
	 * Longest description a client may receive (the default
	 * {@code max-description-length}).
	 */
	static final int MAX_DESCRIPTION = 256;

	private static final List<String> FORBIDDEN = List.of("\tat ", "Exception", "java.", "io.github.healthgrpc",
			"net.devh", "$", SECRET);

	// pkg.pkg.Type, pkg.pkg.Type$Inner, pkg.pkg.Type.CONSTANT; a gRPC method path
	// (pkg.Service/Method) is not a class name
	private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][\\w$]*+(?!/)");

	private static final Metadata.Key<byte[]> DETAILS_KEY = Metadata.Key.of("grpc-status-details-bin",
			Metadata.BINARY_BYTE_MARSHALLER);

	private static final List<Class<? extends com.google.protobuf.Message>> ALLOWED_DETAILS = List.of(ErrorInfo.class,
			RetryInfo.class, BadRequest.class);

	private ClientVisibleText() {
	}

	/**
	 * Return the forbidden patterns found in a text, leaving out what the client sent
	 * itself.
	 * @param text what the client reads
	 * @param echoedInputs the client's own inputs, which a description may repeat
	 * @return the patterns found, empty when the text is safe
	 */
	static List<String> leaks(String text, String... echoedInputs) {
		if (text == null) {
			return List.of();
		}
		String checked = text;
		for (String input : echoedInputs) {
			if (!input.isEmpty()) {
				checked = checked.replace(input, "<input>");
			}
		}
		List<String> found = new ArrayList<>();
		for (String forbidden : FORBIDDEN) {
			if (checked.contains(forbidden)) {
				found.add(forbidden);
			}
		}
		Matcher className = CLASS_NAME.matcher(checked);
		if (className.find()) {
			found.add("class name " + className.group());
		}
		return found;
	}

	static void assertSafe(String where, String text, String... echoedInputs) {
		assertThat(leaks(text, echoedInputs)).as("%s: %s", where, text).isEmpty();
	}

	/**
	 * Assert that every value of a header or trailer block is safe; binary values are
	 * read as text, and {@code grpc-status-details-bin} is decoded: only the standard
	 * detail types, each of their texts safe.
	 * @param where names the call in a failure message
	 * @param metadata headers or trailers
	 * @param echoedInputs the client's own inputs
	 */
	static void assertSafe(String where, Metadata metadata, String... echoedInputs) {
		if (metadata == null) {
			return;
		}
		for (String name : metadata.keys()) {
			if (name.equals(DETAILS_KEY.name())) {
				// a serialized proto, type URLs included: checked decoded, below
				continue;
			}
			if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				for (byte[] value : metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))) {
					assertSafe(where + " " + name, new String(value, StandardCharsets.UTF_8), echoedInputs);
				}
			}
			else {
				for (String value : metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
					assertSafe(where + " " + name, value, echoedInputs);
				}
			}
		}
		byte[] details = metadata.get(DETAILS_KEY);
		if (details != null) {
			for (String text : detailTexts(details)) {
				assertSafe(where + " grpc-status-details-bin", text, echoedInputs);
			}
		}
	}

	/**
	 * Every text in a {@code google.rpc.Status}: its message and the fields of its
	 * details, which must all be of the standard, allowed types.
	 */
	static List<String> detailTexts(byte[] serialized) {
		try {
			com.google.rpc.Status status = com.google.rpc.Status.parseFrom(serialized);
			List<String> texts = new ArrayList<>();
			texts.add(status.getMessage());
			for (Any any : status.getDetailsList()) {
				assertThat(ALLOWED_DETAILS.stream().anyMatch((type) -> any.is(type)))
					.as("detail type %s", any.getTypeUrl())
					.isTrue();
				if (any.is(ErrorInfo.class)) {
					ErrorInfo info = any.unpack(ErrorInfo.class);
					texts.add(info.getReason());
					texts.add(info.getDomain());
					info.getMetadataMap().forEach((key, value) -> texts.add(key + "=" + value));
				}
				else if (any.is(BadRequest.class)) {
					any.unpack(BadRequest.class).getFieldViolationsList().forEach((violation) -> {
						texts.add(violation.getField());
						texts.add(violation.getDescription());
					});
				}
			}
			return texts;
		}
		catch (InvalidProtocolBufferException ex) {
			throw new AssertionError("grpc-status-details-bin is no google.rpc.Status", ex);
		}
	}

}
