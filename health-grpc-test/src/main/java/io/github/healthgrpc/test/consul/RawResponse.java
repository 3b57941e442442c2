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

package io.github.healthgrpc.test.consul;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer: its status, its headers in the order they were added, and its body.
 *
 * @author health-grpc authors
 */
final class RawResponse {

	static final String JSON = "application/json";

	static final String TEXT = "text/plain; charset=utf-8";

	final int status;

	final byte[] body;

	// name, value, name, value...
	final List<String> headers = new ArrayList<>();

	private RawResponse(int status, byte[] body) {
		this.status = status;
		this.body = body;
	}

	/**
	 * An answer whose body is a text ({@code text/plain}, as Go sniffs it) or JSON, or
	 * empty (no {@code Content-Type} then, as Go sends none).
	 */
	static RawResponse of(int status, String body, String contentType) {
		RawResponse response = new RawResponse(status, body.getBytes(StandardCharsets.UTF_8));
		if (!body.isEmpty()) {
			response.header("Content-Type", contentType);
		}
		return response;
	}

	static RawResponse text(int status, String body) {
		return of(status, body, TEXT);
	}

	RawResponse header(String name, String value) {
		this.headers.add(name);
		this.headers.add(value);
		return this;
	}

}
