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

package io.github.healthgrpc.health.grpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * grpc-java's client-side health checking ({@code healthCheckConfig} with round_robin,
 * gRFC A17) against the Health service: it watches the service, and the channel stops
 * sending calls while the status is not SERVING.
 *
 * @author health-grpc authors
 */
class ClientSideHealthCheckingTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		this.registry.setEvaluatedStatus("test.v1.Echo", ServingStatus.SERVING);
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name)
			.addService(new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS))
			.addService(new EchoGrpc.EchoImplBase() {

				@Override
				public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					responseObserver.onNext(EchoResponse.newBuilder().setText(request.getText()).build());
					responseObserver.onCompleted();
				}

			})
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name)
			.defaultServiceConfig(Map.of("loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
					"healthCheckConfig", Map.of("serviceName", "test.v1.Echo")))
			.build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.notifier.shutdownNow();
	}

	@Test
	void theChannelFollowsTheWatchedStatus() {
		await().until(() -> echo() == Status.Code.OK);
		this.registry.setStatus("test.v1.Echo", ServingStatus.NOT_SERVING);
		await().until(() -> echo() == Status.Code.UNAVAILABLE);
		this.registry.clearStatus("test.v1.Echo");
		await().until(() -> echo() == Status.Code.OK);
	}

	@Test
	void aWatchRefusedAtTheMaximumTakesTheBackendOutUntilARetrySucceeds() throws Exception {
		HealthGrpcService capped = new HealthGrpcService(this.registry, new HealthServiceLimits(true, 100, 1));
		String name = InProcessServerBuilder.generateName();
		Server server = InProcessServerBuilder.forName(name)
			.addService(capped)
			.addService(echoService())
			.build()
			.start();
		ManagedChannel plain = InProcessChannelBuilder.forName(name).build();
		ManagedChannel checked = healthChecked(InProcessChannelBuilder.forName(name));
		try {
			io.grpc.Context.CancellableContext first = io.grpc.Context.current().withCancellation();
			first.run(() -> io.grpc.health.v1.HealthGrpc.newStub(plain)
				.watch(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

					@Override
					public void onNext(io.grpc.health.v1.HealthCheckResponse value) {
					}

					@Override
					public void onError(Throwable t) {
					}

					@Override
					public void onCompleted() {
					}

				}));
			await().until(() -> capped.getWatchStreamCount() == 1);
			// the refused Watch counts as unhealthy: calls fail, naming the refusal
			await().until(() -> echoStatus(checked).getCode() == Status.Code.UNAVAILABLE);
			assertThat(echoStatus(checked).getDescription()).contains("RESOURCE_EXHAUSTED");
			first.cancel(null);
			// grpc-java retries the Watch with backoff (1 s, then 1.6 times longer)
			await().atMost(java.time.Duration.ofSeconds(15)).until(() -> echoStatus(checked).isOk());
		}
		finally {
			checked.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static ManagedChannel healthChecked(InProcessChannelBuilder builder) {
		return builder
			.defaultServiceConfig(Map.of("loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
					"healthCheckConfig", Map.of("serviceName", "test.v1.Echo")))
			.build();
	}

	private static EchoGrpc.EchoImplBase echoService() {
		return new EchoGrpc.EchoImplBase() {

			@Override
			public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
				responseObserver.onNext(EchoResponse.newBuilder().setText(request.getText()).build());
				responseObserver.onCompleted();
			}

		};
	}

	private Status.Code echo() {
		return echoStatus(this.channel).getCode();
	}

	private static Status echoStatus(ManagedChannel channel) {
		try {
			EchoGrpc.newBlockingStub(channel)
				.withDeadlineAfter(2, TimeUnit.SECONDS)
				.echo(EchoRequest.newBuilder().setText("hi").build());
			return Status.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus();
		}
	}

}
