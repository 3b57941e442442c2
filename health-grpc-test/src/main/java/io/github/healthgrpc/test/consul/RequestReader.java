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
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.x requests as Go's server does, within bounds: the request line and
 * headers together at most {@value #MAX_HEAD_BYTES} bytes (Go's default
 * {@code MaxHeaderBytes} plus its slack; more is 431), a body of {@code Content-Length}
 * or chunked, of which at most {@value ConsulRequest#MAX_BODY_BYTES} bytes are kept.
 *
 * @author health-grpc authors
 */
final class RequestReader {

	static final int MAX_HEAD_BYTES = (1 << 20) + 4096;

	// what is read past the kept body to let the client finish sending before the answer
	private static final long MAX_DRAINED_BYTES = 16L * ConsulRequest.MAX_BODY_BYTES;

	private final InputStream in;

	private int headBytes;

	RequestReader(InputStream in) {
		this.in = in;
	}

	/**
	 * Read the next request.
	 * @param expectContinue called before the body is read when the client waits for
	 * {@code 100 Continue}
	 * @return the request, or {@code null} when the client closed the connection before
	 * sending one
	 */
	RawRequest read(Runnable expectContinue) throws IOException, HttpProtocolException {
		this.headBytes = 0;
		String line = line(true);
		if (line == null) {
			return null;
		}
		String[] parts = line.split(" ", -1);
		if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || hasControl(parts[1])) {
			throw badRequest();
		}
		boolean http10 = switch (parts[2]) {
			case "HTTP/1.1" -> false;
			case "HTTP/1.0" -> true;
			default -> throw parts[2].startsWith("HTTP/")
					? new HttpProtocolException(505, "unsupported protocol version") : badRequest();
		};
		Map<String, List<String>> headers = headers();
		byte[] body = new byte[0];
		boolean tooLarge = false;
		String transferEncoding = first(headers, "transfer-encoding");
		List<String> lengths = headers.getOrDefault("content-length", List.of());
		if (transferEncoding != null) {
			if (!transferEncoding.equalsIgnoreCase("chunked") || !lengths.isEmpty()) {
				throw new HttpProtocolException(transferEncoding.equalsIgnoreCase("chunked") ? 400 : 501,
						"Unsupported transfer encoding");
			}
			continueIfAsked(headers, expectContinue);
			ByteArrayOutputStream kept = new ByteArrayOutputStream();
			tooLarge = chunked(kept);
			body = tooLarge ? new byte[0] : kept.toByteArray();
		}
		else if (!lengths.isEmpty()) {
			long length = contentLength(lengths);
			if (length > 0) {
				continueIfAsked(headers, expectContinue);
				tooLarge = length > ConsulRequest.MAX_BODY_BYTES;
				body = tooLarge ? drain(length) : this.in.readNBytes((int) length);
				if (!tooLarge && body.length < length) {
					throw new EOFException("body ended early");
				}
			}
		}
		return new RawRequest(parts[0], parts[1], http10, headers, body, tooLarge);
	}

	private Map<String, List<String>> headers() throws IOException, HttpProtocolException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		String line;
		while (!(line = line(false)).isEmpty()) {
			int colon = line.indexOf(':');
			if (colon <= 0 || !isToken(line.substring(0, colon))) {
				// also what starts with a space: folded lines are refused, as Go does
				throw badRequest();
			}
			String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
			headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(line.substring(colon + 1).trim());
		}
		return headers;
	}

	private void continueIfAsked(Map<String, List<String>> headers, Runnable expectContinue) {
		String expect = first(headers, "expect");
		if (expect != null && expect.equalsIgnoreCase("100-continue")) {
			expectContinue.run();
		}
	}

	private static long contentLength(List<String> values) throws HttpProtocolException {
		long length = -1;
		for (String value : values) {
			long parsed;
			try {
				parsed = Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw badRequest();
			}
			if (parsed < 0 || (length >= 0 && parsed != length)) {
				throw badRequest();
			}
			length = parsed;
		}
		return length;
	}

	/**
	 * Read a chunked body into {@code kept}, as far as it is kept.
	 * @return whether it was too large to keep
	 */
	private boolean chunked(ByteArrayOutputStream kept) throws IOException, HttpProtocolException {
		long total = 0;
		while (true) {
			// each chunk's line is bounded on its own, not with the head
			this.headBytes = 0;
			String size = line(false);
			int semicolon = size.indexOf(';');
			long length;
			try {
				length = Long.parseLong((semicolon < 0) ? size.trim() : size.substring(0, semicolon).trim(), 16);
			}
			catch (NumberFormatException ex) {
				throw badRequest();
			}
			if (length < 0 || total + length > MAX_DRAINED_BYTES) {
				throw badRequest();
			}
			if (length == 0) {
				// trailers, then the empty line
				while (!line(false).isEmpty()) {
					// ignored, as Go ignores trailers no handler asked for
				}
				return total > ConsulRequest.MAX_BODY_BYTES;
			}
			if (total + length <= ConsulRequest.MAX_BODY_BYTES) {
				byte[] chunk = this.in.readNBytes((int) length);
				if (chunk.length < length) {
					throw new EOFException("chunk ended early");
				}
				kept.write(chunk);
			}
			else {
				drain(length);
			}
			total += length;
			if (!line(false).isEmpty()) {
				throw badRequest();
			}
		}
	}

	/**
	 * Skip a body too large to keep, so that the client can read the answer; one larger
	 * than the agent will skip ends the connection.
	 */
	private byte[] drain(long length) throws IOException {
		if (length > MAX_DRAINED_BYTES) {
			throw new IOException("request body of " + length + " bytes");
		}
		this.in.skipNBytes(length);
		return new byte[0];
	}

	/**
	 * A line without its end (LF, or CRLF), counted against the head's bound.
	 * @param first whether an end of stream before any byte is a clean close
	 */
	private String line(boolean first) throws IOException, HttpProtocolException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				if (first && line.size() == 0) {
					return null;
				}
				throw new EOFException("request ended early");
			}
			if (++this.headBytes > MAX_HEAD_BYTES) {
				throw new HttpProtocolException(431, "Request Header Fields Too Large");
			}
			if (b == '\n') {
				break;
			}
			line.write(b);
		}
		byte[] bytes = line.toByteArray();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
		return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
	}

	private static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Whether a request target has a control character, which Go's URL parser refuses.
	 */
	private static boolean hasControl(String target) {
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c < ' ' || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	private static boolean isToken(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
				return false;
			}
		}
		return true;
	}

	private static HttpProtocolException badRequest() {
		return new HttpProtocolException(400, "Bad Request");
	}

}
