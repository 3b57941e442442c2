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

package io.github.healthgrpc.integration.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.github.healthgrpc.integration.InterceptorsTestApplication;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a caller of an injected stub sees when things go wrong, over real servers: the
 * statuses the client documentation promises, and the rich error details it shows how to
 * read.
 *
 * @author health-grpc authors
 */
class WhatACallerSeesIntegrationTests {

	private static final Metadata.Key<String> PUSHBACK = Metadata.Key.of("grpc-retry-pushback-ms",
			Metadata.ASCII_STRING_MARSHALLER);

	private final Started started = new Started();

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "round_robin", "random", "least_request", "least_request_all", "weighted" })
	void noBackendAtAllIsUnavailableAtOnce(String policy) {
		ClientApplication.Stubs stubs = client("grpc.client.backends.address=discovery:///backends",
				"grpc.client.backends.default-load-balancing-policy=" + policy);
		long started = System.nanoTime();
		StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
				() -> stubs.echo.withDeadlineAfter(10, TimeUnit.SECONDS).echo(ClientApplication.HI));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		// failed fast, not at the deadline
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aSlowBackendIsDeadlineExceeded() throws Exception {
		Backend slow = this.started.backend("slow");
		slow.slow(Duration.ofSeconds(2));
		ClientApplication.Stubs stubs = client(ClientApplication.staticAddress(slow));
		StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
				() -> stubs.echo.withDeadlineAfter(200, TimeUnit.MILLISECONDS).echo(ClientApplication.HI));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
	}

	@Test
	void mappedServerErrorsCarryTheirCodeAndDetails() throws Exception {
		ClientApplication.Stubs stubs = client("grpc.client.backends.address=static://127.0.0.1:" + server());
		StatusRuntimeException invalid = fail(stubs, "iae");
		assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(invalid.getStatus().getDescription()).isEqualTo("quantity must be positive");
		ErrorInfo info = detail(invalid, ErrorInfo.class);
		assertThat(info.getReason()).isEqualTo("INVALID_ARGUMENT");
		assertThat(info.getDomain()).isEqualTo("shop-server");
		// an internal failure says nothing of itself, but gives the id of its log line
		StatusRuntimeException internal = fail(stubs, "npe");
		assertThat(internal.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(internal.getStatus().getDescription()).doesNotContain("secret", "NullPointer");
		String errorId = detail(internal, ErrorInfo.class).getMetadataOrThrow("errorId");
		assertThat(internal.getStatus().getDescription()).contains(errorId);
		assertThat(internal.getTrailers().get(Metadata.Key.of("error-id", Metadata.ASCII_STRING_MARSHALLER)))
			.isEqualTo(errorId);
		// a status the handler chose itself arrives as it is
		StatusRuntimeException own = fail(stubs, "unavailable");
		assertThat(own.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(own.getStatus().getDescription()).isEqualTo("backend at 10.9.8.7:5000 refused");
		assertThat(own.getTrailers().containsKey(PUSHBACK)).isFalse();
		// a downstream's keeps its code only, says when to try again by hand, and tells
		// gRPC's automatic retries not to
		StatusRuntimeException downstream = fail(stubs, "downstream-onerror");
		assertThat(downstream.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(downstream.getStatus().getDescription()).isEqualTo("UNAVAILABLE");
		assertThat(detail(downstream, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);
		assertThat(downstream.getTrailers().get(PUSHBACK)).isEqualTo("-1");
	}

	private int server() {
		ConfigurableApplicationContext server = new SpringApplicationBuilder(InterceptorsTestApplication.class).run(
				"--spring.application.name=shop-server", "--grpc.server.port=0", "--grpc.server.address=127.0.0.1",
				"--grpc.client.self.address=self:self", "--grpc.client.self.negotiation-type=plaintext",
				"--health-grpc.health.lifecycle.drain-delay=0", "--spring.main.banner-mode=off");
		this.started.add(server);
		return server.getBean(GrpcServerProperties.class).getPort();
	}

	private static StatusRuntimeException fail(ClientApplication.Stubs stubs, String how) {
		StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
				() -> stubs.calls.withDeadlineAfter(5, TimeUnit.SECONDS)
					.unary(EchoRequest.newBuilder().setText(how).build()));
		assertThat(ex).as(how).isNotNull();
		return ex;
	}

	private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException ex, Class<T> type)
			throws InvalidProtocolBufferException {
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		assertThat(status).isNotNull();
		for (Any any : status.getDetailsList()) {
			if (any.is(type)) {
				return any.unpack(type);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + status);
	}

	private ClientApplication.Stubs client(String... properties) {
		return this.started.stubs(List.of(properties));
	}

}
