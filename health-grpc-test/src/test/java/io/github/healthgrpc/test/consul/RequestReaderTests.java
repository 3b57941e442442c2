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
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Requests read as Go's server reads them, within bounds.
 *
 * @author health-grpc authors
 */
class RequestReaderTests {

	private final AtomicInteger continues = new AtomicInteger();

	@Test
	void aRequestIsReadWithItsHeadersAndBody() throws Exception {
		RequestReader reader = reader("PUT /v1/agent/service/register?token=t HTTP/1.1\r\nHost: x\r\n"
				+ "X-Consul-Token: a\r\nx-consul-token: b\r\nContent-Length: 4\r\n\r\nbody"
				+ "GET /v1/status/leader HTTP/1.0\n\n");
		RawRequest first = reader.read(this.continues::incrementAndGet);
		assertThat(first.method()).isEqualTo("PUT");
		assertThat(first.rawPath()).isEqualTo("/v1/agent/service/register");
		assertThat(first.rawQuery()).isEqualTo("token=t");
		assertThat(first.headers().get("x-consul-token")).containsExactly("a", "b");
		assertThat(first.header("X-CONSUL-TOKEN")).isEqualTo("a");
		assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("body");
		assertThat(first.keepAlive()).isTrue();
		assertThat(first.http10()).isFalse();
		// bare line feeds too, and HTTP/1.0 closes unless asked to keep alive
		RawRequest second = reader.read(this.continues::incrementAndGet);
		assertThat(second.rawQuery()).isNull();
		assertThat(second.http10()).isTrue();
		assertThat(second.keepAlive()).isFalse();
		assertThat(second.body()).isEmpty();
		assertThat(reader.read(this.continues::incrementAndGet)).isNull();
		assertThat(this.continues).hasValue(0);
	}

	@Test
	void connectionHeadersDecideWhetherItStaysOpen() throws Exception {
		assertThat(read("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keepAlive()).isFalse();
		assertThat(read("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive()).isTrue();
	}

	@Test
	void aChunkedBodyIsJoinedAndItsTrailersSkipped() throws Exception {
		RawRequest request = read("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n");
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("abcde");
		assertThat(request.bodyTooLarge()).isFalse();
	}

	@Test
	void aClientWaitingForContinueGetsItBeforeItsBody() throws Exception {
		read("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx");
		read("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
		// no body, no continue
		read("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
		read("PUT / HTTP/1.1\r\nExpect: something\r\nContent-Length: 1\r\n\r\nx");
		assertThat(this.continues).hasValue(2);
	}

	@Test
	void aBodyLargerThanKeptIsSkippedAndFlagged() throws Exception {
		int length = ConsulRequest.MAX_BODY_BYTES + 1;
		RawRequest request = read("PUT / HTTP/1.1\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat(length));
		assertThat(request.bodyTooLarge()).isTrue();
		assertThat(request.body()).isEmpty();
		RawRequest chunked = read("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(length)
				+ "\r\n" + "x".repeat(length) + "\r\n0\r\n\r\n");
		assertThat(chunked.bodyTooLarge()).isTrue();
		// one the agent will not even skip ends the connection
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> read("PUT / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n"));
	}

	@Test
	void malformedRequestsAreRefusedAsGoRefusesThem() {
		refused("NONSENSE\r\n\r\n", 400);
		refused("GET  HTTP/1.1\r\n\r\n", 400);
		refused("G(T / HTTP/1.1\r\n\r\n", 400);
		refused("GET / HTTP/2.0\r\n\r\n", 505);
		refused("GET / XTTP/1.1\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\n : value\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", 400);
		refused("PUT / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400);
		refused("PUT / HTTP/1.1\r\nContent-Length: x\r\n\r\n", 400);
		refused("PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
		refused("PUT / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 1\r\n\r\n", 400);
		refused(" / HTTP/1.1\r\n\r\n", 400);
		refused("GET /a\u0000b HTTP/1.1\r\n\r\n", 400);
		refused("GET /a\u007fb HTTP/1.1\r\n\r\n", 400);
		refused("GET /a\u001fb HTTP/1.1\r\n\r\n", 400);
		refused("PUT / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
		refused("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n", 400);
		refused("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400);
		refused("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\nX: " + "y".repeat(RequestReader.MAX_HEAD_BYTES) + "\r\n\r\n", 431);
	}

	@Test
	void aRequestCutShortIsAnEndOfStream() {
		for (String cut : new String[] { "GET / HTTP/1.1\r\nHost", "PUT / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab",
				"PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab" }) {
			assertThatExceptionOfType(EOFException.class).as(cut).isThrownBy(() -> read(cut));
		}
	}

	@Test
	void aMultipleOfTheSameLengthIsOneLength() throws Exception {
		assertThat(read("PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx").body()).hasSize(1);
	}

	@Test
	void theBoundsAreExact() throws Exception {
		// a head of exactly the bound is read, one byte more is refused
		String start = "GET / HTTP/1.1\r\nX: ";
		int filler = RequestReader.MAX_HEAD_BYTES - start.length() - "\r\n\r\n".length();
		assertThat(read(start + "y".repeat(filler) + "\r\n\r\n").header("X")).hasSize(filler);
		refused(start + "y".repeat(filler + 1) + "\r\n\r\n", 431);
		// a body of exactly the kept size is kept, by length and chunked
		int max = ConsulRequest.MAX_BODY_BYTES;
		RawRequest exact = read("PUT / HTTP/1.1\r\nContent-Length: " + max + "\r\n\r\n" + "x".repeat(max));
		assertThat(exact.bodyTooLarge()).isFalse();
		assertThat(exact.body()).hasSize(max);
		RawRequest chunks = read("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(max - 1)
				+ "\r\n" + "x".repeat(max - 1) + "\r\n1\r\ny\r\n0\r\n\r\n");
		assertThat(chunks.bodyTooLarge()).isFalse();
		assertThat(chunks.body()).hasSize(max).endsWith((byte) 'y');
		RawRequest over = read("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(max)
				+ "\r\n" + "x".repeat(max) + "\r\n1\r\ny\r\n0\r\n\r\n");
		assertThat(over.bodyTooLarge()).isTrue();
		assertThat(read("PUT / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").body()).isEmpty();
		// many small chunks are no long head
		assertThat(read(
				"PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + "1\r\nz\r\n".repeat(300_000) + "0\r\n\r\n")
			.body()).hasSize(300_000);
	}

	@Test
	void tokensAreTheCharactersGoAllows() throws Exception {
		assertThat(read("M~!#$%&'*+-.^_`|X / HTTP/1.1\r\n\r\n").method()).isEqualTo("M~!#$%&'*+-.^_`|X");
		assertThat(read("GET /a~b\u00e9 HTTP/1.1\r\n\r\n").target()).isEqualTo("/a~b\u00e9");
		refused("GET / HTTP/1.1\r\nX\u007fY: z\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\nX\u0080: z\r\n\r\n", 400);
		refused("G T / HTTP/1.1\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\nX Y: z\r\n\r\n", 400);
		refused("GET / HTTP/1.1\r\n: z\r\n\r\n", 400);
		// a line of just a carriage return is an empty line
		assertThat(read("GET / HTTP/1.1\r\nA: b\r\n\r\n").header("a")).isEqualTo("b");
		assertThat(read("GET / HTTP/1.1\nA: b\r\n\n").header("a")).isEqualTo("b");
	}

	private void refused(String request, int status) {
		assertThatExceptionOfType(HttpProtocolException.class).as(request)
			.isThrownBy(() -> read(request))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
	}

	private RawRequest read(String request) throws IOException, HttpProtocolException {
		return reader(request).read(this.continues::incrementAndGet);
	}

	private static RequestReader reader(String bytes) {
		return new RequestReader(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)));
	}

}
