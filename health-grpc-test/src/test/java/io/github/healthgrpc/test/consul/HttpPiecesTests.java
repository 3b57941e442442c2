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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small pieces of the agent's HTTP server: how answers are written, the per-client
 * connection count, and bytes given back to a connection's input.
 *
 * @author health-grpc authors
 */
class HttpPiecesTests {

	@Test
	void headerNamesAreWrittenInGosCanonicalCase() {
		assertThat(ResponseWriter.canonical("X-Consul-KnownLeader")).isEqualTo("X-Consul-Knownleader");
		assertThat(ResponseWriter.canonical("x-consul-index")).isEqualTo("X-Consul-Index");
		assertThat(ResponseWriter.canonical("content-type")).isEqualTo("Content-Type");
		assertThat(ResponseWriter.canonical("ALLOW")).isEqualTo("Allow");
		// a name no header can have is left alone, as Go leaves it
		assertThat(ResponseWriter.canonical("bad name")).isEqualTo("bad name");
		assertThat(ResponseWriter.canonical("caf\u00e9")).isEqualTo("caf\u00e9");
		assertThat(ResponseWriter.canonical("tab\tname")).isEqualTo("tab\tname");
		assertThat(ResponseWriter.canonical("del\u007f")).isEqualTo("del\u007f");
		assertThat(ResponseWriter.canonical("a!~b-c")).isEqualTo("A!~b-C");
	}

	@Test
	void anAnswerHasItsStatusHeadersDateAndLength() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ResponseWriter.write(out, RawResponse.text(405, "method GET not allowed").header("allow", "OPTIONS,PUT"),
				false);
		String written = out.toString(StandardCharsets.ISO_8859_1);
		assertThat(written).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
			.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n")
			.contains("\r\nAllow: OPTIONS,PUT\r\n")
			.contains("\r\nDate: ")
			.contains("\r\nContent-Length: 22\r\n")
			.doesNotContain("Connection")
			.endsWith("\r\n\r\nmethod GET not allowed");
		out.reset();
		ResponseWriter.write(out, RawResponse.of(200, "", RawResponse.JSON), true);
		assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK\r\n")
			.doesNotContain("Content-Type")
			.contains("\r\nContent-Length: 0\r\n")
			.endsWith("\r\nConnection: close\r\n\r\n");
		out.reset();
		ResponseWriter.write(out, RawResponse.text(418, "teapot"), false);
		assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 418 Status\r\n");
	}

	@Test
	void anAnswerIsFlushedOnceWritten() throws IOException {
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(wire, 1 << 16);
		ResponseWriter.write(buffered, RawResponse.text(200, "x"), false);
		assertThat(wire.toString(StandardCharsets.ISO_8859_1)).endsWith("\r\n\r\nx");
	}

	@Test
	void eachClientAddressHasItsOwnCountUpToTheLimit() throws Exception {
		InetAddress one = InetAddress.getByName("127.0.0.1");
		InetAddress two = InetAddress.getByName("127.0.0.2");
		ClientLimits limits = new ClientLimits(2);
		assertThat(List.of(limits.tryAcquire(one), limits.tryAcquire(one), limits.tryAcquire(one)))
			.containsExactly(true, true, false);
		assertThat(limits.tryAcquire(two)).isTrue();
		assertThat(limits.open(one)).isEqualTo(2);
		limits.release(one);
		assertThat(limits.open(one)).isEqualTo(1);
		assertThat(limits.tryAcquire(one)).isTrue();
		limits.release(one);
		limits.release(one);
		assertThat(limits.open(one)).isZero();
		limits.release(one);
		assertThat(limits.open(one)).isZero();
		ClientLimits none = new ClientLimits(0);
		for (int i = 0; i < 1000; i++) {
			assertThat(none.tryAcquire(one)).isTrue();
		}
	}

	@Test
	void bytesGivenBackAreReadAfterWhatWasBufferedAndBeforeTheRest() throws IOException {
		ConnectionInput input = new ConnectionInput(
				new ByteArrayInputStream("abcdef".getBytes(StandardCharsets.US_ASCII)), 4);
		assertThat((char) input.read()).isEqualTo('a');
		assertThat(input.available()).isEqualTo(5);
		assertThat(input.giveBack(ByteBuffer.wrap("XYZ".getBytes(StandardCharsets.US_ASCII)))).isTrue();
		byte[] bytes = new byte[10];
		int n = input.read(bytes, 0, 10);
		assertThat(new String(bytes, 0, n, StandardCharsets.US_ASCII)).isEqualTo("bcdXYZ");
		assertThat(new String(input.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ef");
		assertThat(input.read()).isEqualTo(-1);
		assertThat(input.read(bytes, 0, 2)).isEqualTo(-1);
		assertThat(input.read(bytes, 0, 0)).isZero();
		assertThat(input.giveBack(ByteBuffer.allocate(ConnectionInput.MAX_GIVEN_BACK + 1))).isFalse();
		assertThat(input.giveBack(ByteBuffer.allocate(ConnectionInput.MAX_GIVEN_BACK))).isTrue();
		assertThat(input.available()).isEqualTo(ConnectionInput.MAX_GIVEN_BACK);
	}

	@Test
	void largeReadsGoStraightThroughWhenNothingIsBuffered() throws IOException {
		ConnectionInput input = new ConnectionInput(new ByteArrayInputStream(new byte[100]), 4);
		byte[] bytes = new byte[50];
		assertThat(input.read(bytes, 0, 50)).isEqualTo(50);
	}

}
