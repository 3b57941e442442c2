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

package io.github.healthgrpc.interceptor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Error details as a default grpc-java client receives them over a real connection: its 8
 * KiB limit on received metadata must never cost the status.
 *
 * @author health-grpc authors
 */
class ErrorDetailsOverNettyTests {

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		ExceptionStatusServerInterceptor interceptor = new ExceptionStatusServerInterceptor(
				ExceptionStatusMapper.of(ExceptionStatusMapper.defaultTable(null)),
				new ErrorResponseFactory("orders", 256, Duration.ofSeconds(1)), (ex) -> false,
				InterceptorEventListener.NONE);
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(new FailingCallsService(), interceptor))
			.build()
			.start();
		// a default client: nothing raised
		this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.server.getPort()))
			.usePlaintext()
			.build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void sixtyLongFieldViolationsStillReachADefaultClient() throws Exception {
		StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
				() -> CallsGrpc.newBlockingStub(this.channel)
					.withDeadlineAfter(5, TimeUnit.SECONDS)
					.unary(EchoRequest.newBuilder().setText("bind-many").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(ex.getStatus().getDescription()).startsWith("Invalid field0_").endsWith("more)");
		com.google.rpc.Status details = StatusProto.fromThrowable(ex);
		assertThat(details).isNotNull();
		assertThat(details.getSerializedSize()).isLessThanOrEqualTo(ErrorResponseFactory.MAX_DETAILS_BYTES);
		BadRequest badRequest = details.getDetailsList()
			.stream()
			.filter((any) -> any.is(BadRequest.class))
			.findFirst()
			.orElseThrow()
			.unpack(BadRequest.class);
		// as many as fit, in order
		assertThat(badRequest.getFieldViolationsCount()).isBetween(1, 59);
		assertThat(badRequest.getFieldViolations(0).getField()).startsWith("field0_");
	}

}
