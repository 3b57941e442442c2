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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes answers as Go's server writes Consul's: header names in Go's canonical form
 * ({@code X-Consul-Index}, {@code X-Consul-Knownleader}: the first letter and every
 * letter after a hyphen upper case, the rest lower case), a {@code Date}, a
 * {@code Content-Length}, and {@code Connection: close} when the connection ends.
 *
 * @author health-grpc authors
 */
final class ResponseWriter {

	private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(100, "Continue"), Map.entry(200, "OK"),
			Map.entry(400, "Bad Request"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
			Map.entry(405, "Method Not Allowed"), Map.entry(429, "Too Many Requests"),
			Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
			Map.entry(501, "Not Implemented"), Map.entry(505, "HTTP Version Not Supported"));

	static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

	private ResponseWriter() {
	}

	/**
	 * Write an answer.
	 * @param out where to
	 * @param response the answer
	 * @param close whether the connection ends after it
	 */
	static void write(OutputStream out, RawResponse response, boolean close) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream(256);
		line(head, "HTTP/1.1 " + response.status + " " + REASONS.getOrDefault(response.status, "Status"));
		for (int i = 0; i < response.headers.size(); i += 2) {
			line(head, canonical(response.headers.get(i)) + ": " + response.headers.get(i + 1));
		}
		line(head, "Date: " + DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
		line(head, "Content-Length: " + response.body.length);
		if (close) {
			line(head, "Connection: close");
		}
		line(head, "");
		head.write(response.body);
		out.write(head.toByteArray());
		out.flush();
	}

	/**
	 * Go's {@code CanonicalMIMEHeaderKey}; a name with a character a header name cannot
	 * have is left as it is, as Go leaves it.
	 */
	static String canonical(String name) {
		char[] chars = name.toCharArray();
		boolean upper = true;
		for (int i = 0; i < chars.length; i++) {
			char c = chars[i];
			if (c == ' ' || c >= 127 || c < '!') {
				return name;
			}
			chars[i] = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
			upper = c == '-';
		}
		return new String(chars);
	}

	private static void line(ByteArrayOutputStream out, String line) {
		byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		out.write(bytes, 0, bytes.length);
	}

}
