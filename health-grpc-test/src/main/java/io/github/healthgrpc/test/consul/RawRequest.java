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

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.x request as it came off the wire.
 *
 * @param method the method, as sent
 * @param target the request target ({@code /v1/...?...})
 * @param http10 whether it is HTTP/1.0
 * @param headers the headers, names in lower case
 * @param body the body (empty without one)
 * @param bodyTooLarge whether the body was larger than the agent reads (and was dropped)
 * @author health-grpc authors
 */
record RawRequest(String method, String target, boolean http10, Map<String, List<String>> headers, byte[] body,
		boolean bodyTooLarge) {

	/**
	 * The first value of a header, whatever the case of its name, or {@code null}.
	 */
	String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Whether the connection stays open after the answer: HTTP/1.1 unless the client says
	 * {@code Connection: close}, HTTP/1.0 only if it says {@code keep-alive}.
	 */
	boolean keepAlive() {
		String connection = header("Connection");
		String value = (connection != null) ? connection.toLowerCase(Locale.ROOT) : "";
		return this.http10 ? value.contains("keep-alive") : !value.contains("close");
	}

	String rawPath() {
		int question = this.target.indexOf('?');
		return (question < 0) ? this.target : this.target.substring(0, question);
	}

	String rawQuery() {
		int question = this.target.indexOf('?');
		return (question < 0) ? null : this.target.substring(question + 1);
	}

}
