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

package io.github.healthgrpc.client.lb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.ClientStreamTracer;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.util.ForwardingLoadBalancerHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The count of calls under way that {@code least_request} and {@code least_request_all}
 * compare, over a real Netty channel and server on 127.0.0.1: up while a call is under
 * way, and back to zero whether the call ends by success, error, deadline or
 * cancellation.
 *
 * @author health-grpc authors
 */
class LeastRequestCountingIntegrationTests {

	private static final String OBSERVED = "health_grpc_observed_for_tests";

	// the calls the server holds until the client gives up on them
	private final List<StreamObserver<EchoResponse>> held = new CopyOnWriteArrayList<>();

	private final ObservingProvider provider = new ObservingProvider();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws IOException {
		LoadBalancerRegistry.getDefaultRegistry().register(this.provider);
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc.EchoImplBase() {

				@Override
				public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					switch (request.getText()) {
						case "hold" -> LeastRequestCountingIntegrationTests.this.held.add(responseObserver);
						case "fail" ->
							responseObserver.onError(Status.INTERNAL.withDescription("failed").asException());
						default -> {
							responseObserver.onNext(EchoResponse.newBuilder().setText("ok").build());
							responseObserver.onCompleted();
						}
					}
				}

			})
			.build()
			.start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		LoadBalancerRegistry.getDefaultRegistry().deregister(this.provider);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { LeastRequestLoadBalancerProvider.POLICY_NAME, LeastRequestAllLoadBalancerProvider.POLICY_NAME })
	void theCountReturnsToZeroHoweverACallEnds(String policy) throws Exception {
		this.provider.policy = policy;
		this.channel = NettyChannelBuilder.forTarget("dns:///127.0.0.1:" + this.server.getPort())
			.usePlaintext()
			.defaultLoadBalancingPolicy(OBSERVED)
			.build();
		EchoGrpc.EchoBlockingStub blocking = EchoGrpc.newBlockingStub(this.channel);
		EchoGrpc.EchoFutureStub future = EchoGrpc.newFutureStub(this.channel);
		// success
		assertThat(call(blocking, "ok").getText()).isEqualTo("ok");
		AtomicInteger count = this.provider.count();
		awaitCount(count, 0);
		// error
		assertThat(
				catchThrowableOfType(StatusRuntimeException.class, () -> call(blocking, "fail")).getStatus().getCode())
			.isEqualTo(Status.Code.INTERNAL);
		awaitCount(count, 0);
		// cancellation: counted while it is under way, then not
		ListenableFuture<EchoResponse> cancelled = future.echo(request("hold"));
		awaitCount(count, 1);
		cancelled.cancel(true);
		awaitCount(count, 0);
		// deadline
		ListenableFuture<EchoResponse> late = future.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
			.echo(request("hold"));
		awaitCount(count, 1);
		ExecutionException expired = catchThrowableOfType(ExecutionException.class,
				() -> late.get(10, TimeUnit.SECONDS));
		assertThat(Status.fromThrowable(expired).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		awaitCount(count, 0);
		// all four at once, the success last
		ListenableFuture<EchoResponse> cancelledToo = future.echo(request("hold"));
		ListenableFuture<EchoResponse> lateToo = future.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
			.echo(request("hold"));
		ListenableFuture<EchoResponse> failed = future.echo(request("fail"));
		awaitCount(count, 2);
		cancelledToo.cancel(true);
		catchThrowableOfType(ExecutionException.class, () -> lateToo.get(10, TimeUnit.SECONDS));
		catchThrowableOfType(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
		assertThat(call(blocking, "ok").getText()).isEqualTo("ok");
		awaitCount(count, 0);
		assertThat(this.held).hasSize(4);
	}

	private static EchoResponse call(EchoGrpc.EchoBlockingStub stub, String text) {
		return stub.withDeadlineAfter(10, TimeUnit.SECONDS).echo(request(text));
	}

	private static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	private static void awaitCount(AtomicInteger count, int expected) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count).hasValue(expected));
	}

	/**
	 * The real policy of the given name, under a name of its own, keeping the pickers it
	 * reports to the channel in view.
	 */
	static final class ObservingProvider extends LoadBalancerProvider {

		volatile String policy;

		private volatile LoadBalancer.SubchannelPicker picker;

		@Override
		public boolean isAvailable() {
			return true;
		}

		@Override
		public int getPriority() {
			return 5;
		}

		@Override
		public String getPolicyName() {
			return OBSERVED;
		}

		@Override
		public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
			return delegate().parseLoadBalancingPolicyConfig(rawConfig);
		}

		@Override
		public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
			return delegate().newLoadBalancer(new ForwardingLoadBalancerHelper() {

				@Override
				protected LoadBalancer.Helper delegate() {
					return helper;
				}

				@Override
				public void updateBalancingState(ConnectivityState newState, LoadBalancer.SubchannelPicker newPicker) {
					ObservingProvider.this.picker = newPicker;
					super.updateBalancingState(newState, newPicker);
				}

			});
		}

		private LoadBalancerProvider delegate() {
			return LoadBalancerRegistry.getDefaultRegistry().getProvider(this.policy);
		}

		// the one backend's count, from what the channel's picker picks: a pick counts
		// nothing, the stream it starts does
		AtomicInteger count() {
			ClientStreamTracer.Factory tracers = this.picker.pickSubchannel(FakeHelper.ARGS).getStreamTracerFactory();
			assertThat(tracers).isInstanceOf(LeastRequestLoadBalancerProvider.CountingTracerFactory.class);
			return ((LeastRequestLoadBalancerProvider.CountingTracerFactory) tracers).callsUnderWay();
		}

	}

}
