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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.integration.HealthGrpcTestApplication;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.github.healthgrpc.reliability.HealthCalls.Outcome;
import io.github.healthgrpc.reliability.HealthCalls.Watch;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
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

import static io.github.healthgrpc.reliability.HealthCalls.concat;
import static io.github.healthgrpc.reliability.HealthCalls.field1;
import static io.github.healthgrpc.reliability.HealthCalls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A corpus of service names, well-formed and not, sent to Check, Watch, List and the
 * legacy {@code /Health/check} of a whole application over Netty: each gets the status
 * docs/health.md promises, every description is bounded and repeats at most a short
 * prefix of the name, and the server keeps serving.
 *
 * @author health-grpc authors
 */
@SpringBootTest(classes = HealthGrpcTestApplication.class,
		properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.web-application-type=none",
				"health-grpc.health.lifecycle.drain-delay=0", "health-grpc.health.legacy.enabled=true" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputReliabilityTests {

	static final int LIMIT = HealthStatusRegistry.MAX_SERVICE_NAME_LENGTH;

	// HealthResponses.ECHOED_NAME_LENGTH: the longest part of a name a description
	// repeats
	static final int ECHOED = 64;

	private static final String APP_ERROR = "Application error processing RPC";

	@Autowired
	private ServerEvents events;

	@Autowired
	private HealthStatusRegistry registry;

	@Autowired
	private HealthGrpcService health;

	private ManagedChannel channel;

	@BeforeAll
	void connect() {
		this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.events.port()))
			.usePlaintext()
			.build();
		await().until(() -> this.registry.getStatus("") == ServingStatus.SERVING);
	}

	@AfterAll
	void disconnect() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * One request and what each method answers it with: a serving status for OK, else a
	 * code.
	 *
	 * @param label what the input is
	 * @param request the request bytes
	 * @param name the name the bytes carry, when they are valid
	 * @param check Check's status or code
	 * @param watch Watch's first message or code
	 * @param list List's code (List has no name: field 1 is an unknown field to it)
	 * @param description the exact description of Check's and the legacy Check's error,
	 * {@code null} to check only its bounds
	 */
	record NameCase(String label, byte[] request, @Nullable String name, Object check, Object watch, Status.Code list,
			@Nullable String description) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<NameCase> corpus() {
		String mib = "n".repeat(1024 * 1024);
		String atLimit = "a".repeat(LIMIT);
		String overLimit = "o".repeat(LIMIT + 1);
		String emoji = "e" + "\uD83D\uDE00".repeat(40);
		return List.of(serving("empty (overall)", ""), serving("a known service", "test.v1.Echo"),
				unknown("an unknown service", "no.such.Service", "unknown service no.such.Service"),
				unknown("1 MiB name", mib, "unknown service " + "n".repeat(ECHOED) + "... (1048576 characters)"),
				unknown("name at the 1,024 limit", atLimit,
						"unknown service " + "a".repeat(ECHOED) + "... (1024 characters)"),
				unknown("name just over the limit", overLimit,
						"unknown service " + "o".repeat(ECHOED) + "... (1025 characters)"),
				unknown("64 characters: echoed whole", "x".repeat(ECHOED), "unknown service " + "x".repeat(ECHOED)),
				unknown("control characters", "ctl\u0001\u0007\b\t\n\r\u001b[2J\u007f",
						"unknown service ctl\u0001\u0007\b\t\n\r\u001b[2J\u007f"),
				unknown("NUL inside", "nul\u0000after", "unknown service nul\u0000after"),
				unknown("NUL alone", "\u0000", "unknown service \u0000"),
				unknown("CRLF header injection attempt", "x\r\ngrpc-status: 0\r\n",
						"unknown service x\r\ngrpc-status: 0\r\n"),
				unknown("astral plane (emoji)", "svc-\uD83D\uDE00\uD83D\uDCA9",
						"unknown service svc-\uD83D\uDE00\uD83D\uDCA9"),
				unknown("emoji cut at the echo bound", emoji,
						"unknown service e" + "\uD83D\uDE00".repeat(31) + "... (81 characters)"),
				unknown("right-to-left override", "\u202Eexe.txt", "unknown service \u202Eexe.txt"),
				unknown("Arabic", "\u062E\u062F\u0645\u0629", "unknown service \u062E\u062F\u0645\u0629"),
				unknown("BOM and noncharacter", "\uFEFF\uFFFF", "unknown service \uFEFF\uFFFF"),
				broken("invalid UTF-8 C3 28", field1((byte) 0xC3, (byte) 0x28), Status.Code.OK),
				broken("invalid UTF-8 FF FE", field1((byte) 0xFF, (byte) 0xFE), Status.Code.OK),
				broken("overlong UTF-8 NUL C0 80", field1((byte) 0xC0, (byte) 0x80), Status.Code.OK),
				broken("UTF-8 encoded surrogate ED A0 80", field1((byte) 0xED, (byte) 0xA0, (byte) 0x80),
						Status.Code.OK),
				broken("truncated UTF-8 sequence E2 82", field1((byte) 0xE2, (byte) 0x82), Status.Code.OK),
				broken("truncated protobuf", new byte[] { 0x0A, 0x05, 'a' }, Status.Code.UNKNOWN),
				new NameCase("field 1 twice: the last wins", concat(request("no.such.Service"), field1()), "",
						HealthCheckResponse.ServingStatus.SERVING, HealthCheckResponse.ServingStatus.SERVING,
						Status.Code.OK, null),
				new NameCase("field 1 as a varint: an unknown field", new byte[] { 0x08, 0x01 }, "",
						HealthCheckResponse.ServingStatus.SERVING, HealthCheckResponse.ServingStatus.SERVING,
						Status.Code.OK, null),
				new NameCase("5 MiB name: over the 4 MiB maximum", request("m".repeat(5 * 1024 * 1024)), null,
						Status.Code.RESOURCE_EXHAUSTED, Status.Code.RESOURCE_EXHAUSTED, Status.Code.RESOURCE_EXHAUSTED,
						"gRPC message exceeds maximum size 4194304: 5242885"));
	}

	private static NameCase serving(String label, String name) {
		return new NameCase(label, request(name), name, HealthCheckResponse.ServingStatus.SERVING,
				HealthCheckResponse.ServingStatus.SERVING, Status.Code.OK, null);
	}

	private static NameCase unknown(String label, String name, @Nullable String description) {
		return new NameCase(label, request(name), name, Status.Code.NOT_FOUND,
				HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN, Status.Code.OK, description);
	}

	// grpc-java 1.85 parses a unary request at half-close, below every interceptor:
	// a parse failure is UNKNOWN with grpc-java's own generic description
	private static NameCase broken(String label, byte[] request, Status.Code list) {
		return new NameCase(label, request, null, Status.Code.UNKNOWN, Status.Code.UNKNOWN, list, APP_ERROR);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void eachNameGetsItsPromisedStatusABoundedDescriptionAndTheServerKeepsServing(NameCase input) {
		Outcome check = call(RawHealthMethods.CHECK, input.request());
		Outcome legacy = call(RawHealthMethods.LEGACY_CHECK, input.request());
		Outcome list = call(RawHealthMethods.LIST, input.request());
		Outcome watch = firstWatchMessage(input.request());
		assertThat(check.result()).as("Check %s", check).isEqualTo(input.check());
		assertThat(watch.result()).as("Watch %s", watch).isEqualTo(input.watch());
		assertThat(list.code()).as("List %s", list).isEqualTo(input.list());
		// the legacy Check answers the same, in its own enum
		assertThat(legacy.code()).as("legacy Check %s", legacy).isEqualTo(check.code());
		if (input.description() != null) {
			assertThat(check.description()).isEqualTo(input.description());
			assertThat(legacy.description()).isEqualTo(input.description());
		}
		for (Outcome outcome : List.of(check, legacy, list, watch)) {
			assertBounded(input, outcome);
		}
		assertThat(checkOverall()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.health.getWatchStreamCount() == 0);
	}

	@Test
	void aNameAtTheLimitCanBecomeKnownToItsWatcher() {
		String name = "a".repeat(LIMIT);
		Watch watch = watch(request(name));
		try {
			assertThat(watch.first().result()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
			this.registry.setStatus(name, ServingStatus.NOT_SERVING);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> watch.last() == HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(call(RawHealthMethods.CHECK, request(name)).result())
				.isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		}
		finally {
			this.registry.clearStatus(name);
			watch.cancel();
		}
	}

	@Test
	void aNameOverTheLimitCanNeverBeKnownAndItsWatchStaysOpenUntilCancelled() {
		String name = "o".repeat(LIMIT + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.setStatus(name, ServingStatus.SERVING))
			.withMessageContaining("1024");
		Watch watch = watch(request(name));
		try {
			assertThat(watch.first().result()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
			assertThat(this.health.getWatchStreamCount()).isOne();
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !watch.ended());
		}
		finally {
			watch.cancel();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.health.getWatchStreamCount() == 0);
	}

	private void assertBounded(NameCase input, Outcome outcome) {
		String description = outcome.description();
		if (description == null) {
			return;
		}
		assertThat(description).as("%s", outcome).hasSizeLessThanOrEqualTo(ClientVisibleText.MAX_DESCRIPTION);
		String name = input.name();
		if (name != null && name.length() > ECHOED) {
			assertThat(description).doesNotContain(name.substring(0, ECHOED + 1))
				.doesNotContain(name.substring(name.length() - ECHOED - 1));
		}
		String echoed = (name != null) ? name.substring(0, Math.min(name.length(), ECHOED)) : "";
		ClientVisibleText.assertSafe(input.label(), description, echoed);
	}

	private <R> Outcome call(MethodDescriptor<byte[], R> method, byte[] request) {
		try {
			R response = ClientCalls.blockingUnaryCall(this.channel, method,
					CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
			Object status = (response instanceof HealthCheckResponse health) ? health.getStatus()
					: (response instanceof io.github.healthgrpc.legacy.v0.HealthCheckResponse legacy)
							? legacy.getStatus() : Status.Code.OK;
			return new Outcome(Status.Code.OK, null, status);
		}
		catch (StatusRuntimeException ex) {
			return Outcome.of(ex);
		}
	}

	private Outcome firstWatchMessage(byte[] request) {
		Watch watch = watch(request);
		try {
			return watch.first();
		}
		finally {
			watch.cancel();
		}
	}

	private Watch watch(byte[] request) {
		Watch watch = new Watch();
		ClientCalls.asyncServerStreamingCall(this.channel.newCall(RawHealthMethods.WATCH, CallOptions.DEFAULT), request,
				watch);
		return watch;
	}

	private HealthCheckResponse.ServingStatus checkOverall() {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

}
