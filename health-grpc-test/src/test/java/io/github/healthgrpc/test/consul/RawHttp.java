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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on a plain socket, for what an HTTP client library hides: the bytes of the
 * header names, a connection that stays open, requests no library would send.
 *
 * @author health-grpc authors
 */
final class RawHttp implements AutoCloseable {

	private final Socket socket;

	RawHttp(ConsulEndpoint endpoint) {
		try {
			this.socket = new Socket(endpoint.host(), endpoint.port());
			this.socket.setSoTimeout(30_000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An answer: the status line and headers as they came, and the body.
	 */
	record Answer(String head, String body) {

		int status() {
			return Integer.parseInt(this.head.substring(9, 12));
		}

	}

	RawHttp send(String request) {
		try {
			this.socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			this.socket.getOutputStream().flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	RawHttp get(String path) {
		return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	}

	/**
	 * Read one answer: its head up to the empty line, then {@code Content-Length} bytes.
	 */
	Answer read() {
		try {
			InputStream in = this.socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
				}
				head.write(b);
			}
			String text = head.toString(StandardCharsets.ISO_8859_1);
			int length = 0;
			for (String line : text.split("\r\n")) {
				if (line.toLowerCase().startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			return new Answer(text, new String(in.readNBytes(length), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read until the server closes the connection.
	 */
	String readToEnd() {
		try {
			return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

}
