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
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.healthgrpc.client.ClientServiceConfig;
import io.github.healthgrpc.client.OutlierDetection;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.EchoResponse;
import io.grpc.EquivalentAddressGroup;
import io.grpc.ManagedChannel;
import io.grpc.NameResolver;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outlier detection as health-grpc's service config sets it up, over a real Netty channel
 * and server on 127.0.0.1, while the name resolver answers again and again with the same
 * backend and calls go on: every call completes, none fails and none outlives its
 * deadline. Under grpc-java's {@code round_robin} the race happens and the guard lets the
 * calls through; under health-grpc's {@code least_request} it never happens. With
 * grpc-java's {@code outlier_detection_experimental} itself (before health-grpc's
 * children skipped unchanged addresses), calls picked while a re-resolution detached the
 * subchannel's counter never completed and others on the connection failed with a bare
 * UNKNOWN, within seconds, under both.
 *
 * @author health-grpc authors
 */
class GuardedOutlierDetectionIntegrationTests {

	private static final int CALLERS = 4;

	private static final long MAX_RESOLUTIONS = 100_000;

	private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(8);

	private final Queue<String> problems = new ConcurrentLinkedQueue<>();

	private final AtomicLong completed = new AtomicLong();

	private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

	private Server server;

	private ManagedChannel channel;

	private volatile boolean stopping;

	@BeforeEach
	void start() throws IOException {
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc.EchoImplBase() {

				@Override
				public void echo(EchoRequest request, StreamObserver<EchoResponse> responseObserver) {
					responseObserver.onNext(EchoResponse.newBuilder().setText("ok").build());
					responseObserver.onCompleted();
				}

			})
			.build()
			.start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.stopping = true;
		this.callers.shutdownNow();
		this.callers.awaitTermination(10, TimeUnit.SECONDS);
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	// least_request: health-grpc's children also skip unchanged addresses; round_robin:
	// grpc-java's, whose children do not, so only the guard stands between
	@ParameterizedTest
	@ValueSource(strings = { LeastRequestLoadBalancerProvider.POLICY_NAME, "round_robin" })
	void callsCompleteWhileTheResolverAnswersAgainAndAgain(String childPolicy) throws Exception {
		InetSocketAddress backend = new InetSocketAddress("127.0.0.1", this.server.getPort());
		RepeatingResolver resolver = new RepeatingResolver(backend);
		this.channel = NettyChannelBuilder.forTarget("repeating:///backend")
			.nameResolverFactory(resolver.factory())
			.usePlaintext()
			.defaultServiceConfig(
					ClientServiceConfig.builder().outlierDetection(childPolicy, OutlierDetection.standard()).build())
			.build();
		EchoGrpc.EchoFutureStub stub = EchoGrpc.newFutureStub(this.channel);
		assertThat(stub.echo(request()).get(10, TimeUnit.SECONDS).getText()).isEqualTo("ok");
		for (int i = 0; i < CALLERS; i++) {
			this.callers.execute(() -> keepCalling(stub));
		}
		long failuresBefore = GuardedOutlierDetectionLoadBalancerProvider.failuresAsCallsClosed();
		boolean guardTested = childPolicy.equals("round_robin");
		long resolutions = 0;
		long end = System.nanoTime() + MAX_NANOS;
		while (resolutions < MAX_RESOLUTIONS && System.nanoTime() < end && this.problems.isEmpty()
				&& !(guardTested && resolutions > 1_000
						&& GuardedOutlierDetectionLoadBalancerProvider.failuresAsCallsClosed() > failuresBefore)) {
			resolver.answerAgain();
			resolutions++;
			// paced, so that the answers do not starve the calls of CPU
			if (resolutions % 50 == 0) {
				Thread.sleep(1);
			}
		}
		this.stopping = true;
		this.callers.shutdown();
		// a call that never completes keeps its caller for at most 7 s
		assertThat(this.callers.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
		long raced = GuardedOutlierDetectionLoadBalancerProvider.failuresAsCallsClosed() - failuresBefore;
		System.out.printf("%s: %,d resolutions, %,d calls, %d failed or outlived their deadline, %d raced%n",
				childPolicy, resolutions, this.completed.get(), this.problems.size(), raced);
		assertThat(this.problems).as("after %,d resolutions and %,d calls", resolutions, this.completed.get())
			.isEmpty();
		assertThat(this.completed.get()).isPositive();
		assertThat(resolutions).isGreaterThan(1_000);
		if (guardTested) {
			// the race happened, and the guard let the calls through
			assertThat(raced).isPositive();
		}
		else {
			// health-grpc's children were never told of the same addresses again
			assertThat(raced).isZero();
		}
	}

	private void keepCalling(EchoGrpc.EchoFutureStub stub) {
		while (!this.stopping) {
			ListenableFuture<EchoResponse> call = stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(request());
			try {
				call.get(7, TimeUnit.SECONDS);
				this.completed.incrementAndGet();
			}
			catch (TimeoutException ex) {
				this.problems.add("a call outlived its 5 s deadline by 2 s");
				call.cancel(true);
			}
			catch (ExecutionException ex) {
				this.problems.add(String.valueOf(ex.getCause()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static EchoRequest request() {
		return EchoRequest.newBuilder().setText("hi").build();
	}

	/**
	 * A name resolver that answers with one backend whenever the test asks, as a
	 * discovery client's watch does when nothing changed.
	 */
	private static final class RepeatingResolver extends NameResolver {

		private final InetSocketAddress backend;

		private volatile Listener2 listener;

		RepeatingResolver(InetSocketAddress backend) {
			this.backend = backend;
		}

		NameResolver.Factory factory() {
			return new NameResolver.Factory() {

				@Override
				public NameResolver newNameResolver(URI targetUri, Args args) {
					return RepeatingResolver.this;
				}

				@Override
				public String getDefaultScheme() {
					return "repeating";
				}

			};
		}

		@Override
		public String getServiceAuthority() {
			return "backend";
		}

		@Override
		public void start(Listener2 listener) {
			this.listener = listener;
			answerAgain();
		}

		void answerAgain() {
			this.listener.onResult(ResolutionResult.newBuilder()
				.setAddresses(List.of(new EquivalentAddressGroup(this.backend)))
				.build());
		}

		@Override
		public void shutdown() {
		}

	}

}
