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

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.github.healthgrpc.integration.HealthGrpcTestApplication;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.lang.Nullable;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed requests on a bare HTTP/2 connection to a whole application: each gets the
 * HTTP status and gRPC status grpc-java promises, with a message that names no class and
 * carries no stack trace, and none costs the server a thread or its service.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = HealthGrpcTestApplication.class,
		properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
				"health-grpc.health.lifecycle.drain-delay=0" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawHttp2ReliabilityTests {

	static final String CHECK = "/grpc.health.v1.Health/Check";

	static final int MAX_INBOUND = 4 * 1024 * 1024;

	@Autowired
	private ServerEvents events;

	private RawHttp2Client raw;

	private ManagedChannel channel;

	@BeforeAll
	void connect() {
		this.raw = new RawHttp2Client(this.events.port());
		this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.events.port()))
			.usePlaintext()
			.build();
	}

	@AfterAll
	void disconnect() throws InterruptedException {
		this.raw.close();
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * One malformed request and what grpc-java answers it with.
	 *
	 * @param label what is wrong
	 * @param headers changes the well-formed headers
	 * @param body the DATA, or {@code null} for none
	 * @param httpStatus the expected {@code :status}
	 * @param grpcStatus the expected {@code grpc-status}
	 * @param grpcMessage the expected start of {@code grpc-message}, or {@code null} for
	 * none
	 */
	record Case(String label, UnaryOperator<Http2Headers> headers, @Nullable byte[] body, String httpStatus,
			String grpcStatus, @Nullable String grpcMessage) {

		Http2Headers requestHeaders() {
			return this.headers.apply(RawHttp2Client.grpcHeaders(CHECK));
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Case> cases() {
		byte[] emptyRequest = RawHttp2Client.frame(new byte[0]);
		// grpc-java 1.85 parses a unary request at half-close, below every interceptor:
		// bad protobuf is UNKNOWN with its generic text (and an ERROR log line each)
		return List.of(new Case("well-formed Check", (h) -> h, emptyRequest, "200", "0", null),
				new Case("truncated protobuf (string of 5 bytes, 1 sent)", (h) -> h,
						RawHttp2Client.frame(new byte[] { 0x0A, 0x05, 'a' }), "200", "2",
						"Application error processing RPC"),
				new Case("protobuf wire type 7", (h) -> h, RawHttp2Client.frame(new byte[] { 0x0F, 0x01 }), "200", "2",
						"Application error processing RPC"),
				new Case("invalid UTF-8 in field 1 (C3 28)", (h) -> h,
						RawHttp2Client.frame(new byte[] { 0x0A, 0x02, (byte) 0xC3, 0x28 }), "200", "2",
						"Application error processing RPC"),
				new Case("length prefix larger than the data", (h) -> h,
						RawHttp2Client.frame(false, 100, new byte[] { 0x0A, 0x01, 'a' }), "200", "13",
						"Encountered end-of-stream mid-frame"),
				new Case("compressed flag without grpc-encoding", (h) -> h,
						RawHttp2Client.frame(true, 2, new byte[] { 0x0A, 0x00 }), "200", "13",
						"Can't decode compressed gRPC message as compression not configured"),
				new Case("unknown grpc-encoding", (h) -> h.set("grpc-encoding", "snappy-x"),
						RawHttp2Client.frame(true, 2, new byte[] { 0x0A, 0x00 }), "200", "12",
						"Can't find decompressor for snappy-x"),
				new Case("content-type text/plain", (h) -> h.set("content-type", "text/plain"), emptyRequest, "415",
						"13", "Content-Type 'text/plain' is not supported"),
				new Case("content-type application/json", (h) -> h.set("content-type", "application/json"),
						emptyRequest, "415", "13", "Content-Type 'application/json' is not supported"),
				new Case("no content-type", (h) -> {
					h.remove("content-type");
					return h;
				}, emptyRequest, "415", "13", "Content-Type is missing from the request"),
				new Case("method GET", (h) -> h.method("GET"), null, "405", "13", "Method 'GET' is not supported"),
				new Case("unknown service", (h) -> h.path("/nope.v1.Nope/Call"), emptyRequest, "200", "12",
						"Method not found: nope.v1.Nope/Call"),
				new Case("unknown method of the Health service", (h) -> h.path("/grpc.health.v1.Health/Nope"),
						emptyRequest, "200", "12", "Method not found: grpc.health.v1.Health/Nope"),
				new Case("path without a leading slash", (h) -> h.path("nope"), emptyRequest, "404", "12",
						"Expected path to start with /: nope"),
				new Case("no te: trailers (tolerated)", (h) -> {
					h.remove("te");
					return h;
				}, emptyRequest, "200", "0", null),
				new Case("message over the 4 MiB maximum", (h) -> h,
						RawHttp2Client.frame(false, MAX_INBOUND + 1, new byte[MAX_INBOUND + 1]), "200", "8",
						"gRPC message exceeds maximum size 4194304: 4194305"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void eachMalformedRequestGetsItsStatusAndTheServerStillServes(Case request) throws Exception {
		RawHttp2Client.Response response = this.raw.exchange(request.requestHeaders(), request.body());
		assertThat(response.httpStatus()).as("%s", response).isEqualTo(request.httpStatus());
		assertThat(response.grpcStatus()).as("%s", response).isEqualTo(request.grpcStatus());
		if (request.grpcMessage() == null) {
			assertThat(response.grpcMessage()).isNull();
		}
		else {
			assertThat(response.grpcMessage()).startsWith(request.grpcMessage())
				.hasSizeLessThanOrEqualTo(ClientVisibleText.MAX_DESCRIPTION);
		}
		for (String text : response.texts()) {
			ClientVisibleText.assertSafe(request.label(), text, "nope.v1.Nope/Call", "grpc.health.v1.Health/Nope");
		}
		assertThat(checkOverall()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void manyRoundsOfMalformedRequestsLeaveNoThreadBehind() throws Exception {
		// warm up: the server's event loops and executor threads exist from here on
		sendAll();
		int before = liveThreads();
		for (int round = 0; round < 3; round++) {
			sendAll();
		}
		assertThat(checkOverall()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		// one thread per bad request would show as +48
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(liveThreads()).isLessThanOrEqualTo(before + 4));
	}

	@Test
	void garbageInsteadOfTheHttp2PrefaceClosesTheConnectionAndTheServerStillServes() throws Exception {
		byte[] garbage = new byte[64 * 1024];
		new Random(42).nextBytes(garbage);
		for (byte[] bytes : List.of(garbage, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
				"PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
			// returns only once the server has closed the connection
			byte[] received = RawHttp2Client.sendGarbage(this.events.port(), bytes);
			ClientVisibleText.assertSafe("answer to garbage", new String(received, StandardCharsets.ISO_8859_1));
		}
		assertThat(checkOverall()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	private void sendAll() throws Exception {
		for (Case request : cases()) {
			this.raw.exchange(request.requestHeaders(), request.body());
		}
	}

	private HealthCheckResponse.ServingStatus checkOverall() {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	private static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

}
