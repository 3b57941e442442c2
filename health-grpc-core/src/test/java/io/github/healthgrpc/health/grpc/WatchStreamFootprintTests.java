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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthCheckRequest;
import io.github.healthgrpc.health.v1.HealthCheckResponse;
import io.github.healthgrpc.health.v1.HealthGrpc;
import io.github.healthgrpc.testsupport.LiveHeapHistogram;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an open Watch stream keeps on the heap: opens many streams on an in-process server
 * and compares class histograms of the live heap before and after (as
 * {@code jmap -histo:live} does). Prints every class that grows with the streams; asserts
 * only what health-grpc's own classes hold. {@code -Dhealth-grpc.footprint.streams=10000}
 * measures at 10,000 streams.
 *
 * @author health-grpc authors
 */
class WatchStreamFootprintTests {

	private static final int STREAMS = Integer.getInteger("health-grpc.footprint.streams", 2_000);

	@Test
	void anOpenWatchStreamHoldsFortyBytesOfItsOwnAndNoFuture() throws Exception {
		HealthStatusRegistry registry = HealthStatusRegistry.withOwnNotifier(true);
		registry.setEvaluatedStatus("bench.Watched", ServingStatus.SERVING);
		String name = "footprint-" + System.nanoTime();
		Server server = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(new HealthGrpcService(registry, new HealthServiceLimits(true, 100, STREAMS)))
			.build()
			.start();
		ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		List<ClientCallStreamObserver<?>> calls = new ArrayList<>();
		try {
			open(channel, 10, calls);
			LiveHeapHistogram before = LiveHeapHistogram.take();
			open(channel, STREAMS - 10, calls);
			LiveHeapHistogram after = LiveHeapHistogram.take();
			after.printPerUnitSince(before, STREAMS - 10, "Watch(\"bench.Watched\") on health-grpc-core, in-process");
			// health-grpc's classes, except this test's own client observers
			double own = after.bytesPerUnitSince(before, STREAMS - 10, "io.github.healthgrpc.")
					- after.bytesPerUnitSince(before, STREAMS - 10, WatchStreamFootprintTests.class.getName());
			assertThat(own).isLessThanOrEqualTo(40);
			assertThat(after.bytesPerUnitSince(before, STREAMS - 10, "java.util.concurrent.CompletableFuture"))
				.isZero();
		}
		finally {
			calls.forEach((call) -> call.cancel("done", null));
			channel.shutdownNow();
			server.shutdownNow();
			registry.close();
		}
	}

	private static void open(ManagedChannel channel, int count, List<ClientCallStreamObserver<?>> calls)
			throws InterruptedException {
		CountDownLatch first = new CountDownLatch(count);
		HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
		for (int i = 0; i < count; i++) {
			stub.watch(HealthCheckRequest.newBuilder().setService("bench.Watched").build(),
					new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {

						@Override
						public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> call) {
							calls.add(call);
						}

						@Override
						public void onNext(HealthCheckResponse value) {
							first.countDown();
						}

						@Override
						public void onError(Throwable t) {
						}

						@Override
						public void onCompleted() {
						}

					});
		}
		assertThat(first.await(60, TimeUnit.SECONDS)).as("every stream has its first status").isTrue();
	}

}
