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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load on a whole application over Netty: many concurrent Check calls, and Watch streams
 * opened and cancelled by the thousand, after which no listener and no heap is left
 * behind.
 *
 * @author health-grpc authors
 */
class LoadReliabilityTests {

	private static final int CALLERS = 64;

	private static final int CHANNELS = 4;

	private static final String[] NAMES = { "", "test.v1.Echo", "test.v1.Other" };

	// a leaked watcher holds about 3.7 KB (measured): 10,000 would hold 36 MB
	private static final long HEAP_BOUND = 4L * 1024 * 1024;

	@Test
	void twoHundredThousandChecksFromSixtyFourCallersAreAllServing() throws Exception {
		checkLoad(200_000, Duration.ofSeconds(60));
	}

	@Test
	@Tag("long")
	void twoMillionChecksFromSixtyFourCallersAreAllServing() throws Exception {
		checkLoad(2_000_000, Duration.ofMinutes(10));
	}

	@Test
	void tenThousandWatchStreamsChurnedLeaveNoListenerAndNoHeapBehind() throws Exception {
		watchChurn(10_000, 1_000);
	}

	@Test
	@Tag("long")
	void hundredThousandWatchStreamsChurnedLeaveNoListenerAndNoHeapBehind() throws Exception {
		watchChurn(100_000, 2_000);
	}

	private void checkLoad(int total, Duration limit) throws Exception {
		ConfigurableApplicationContext context = LoadFaultHarness.app();
		List<ManagedChannel> channels = directChannels(LoadFaultHarness.port(context));
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> LoadFaultHarness.check(channels.get(0), "") == ServingStatus.SERVING);
			// the JIT warms up on calls that are not counted
			CheckLoad.run(channels, 10_000, limit);
			CheckLoad load = CheckLoad.run(channels, total, limit);
			System.out.printf("Check load: %,d calls, %d in flight, %d channels, %.1f s, %,.0f calls/s%n", total,
					CALLERS, CHANNELS, load.seconds(), total / load.seconds());
			assertThat(load.problemCount).as("calls failed or not SERVING, the first: %s", load.problems).hasValue(0);
			assertThat(load.serving).hasValue(total);
		}
		finally {
			LoadFaultHarness.shutdown(channels);
			context.close();
		}
	}

	private void watchChurn(int streams, int batch) throws Exception {
		ConfigurableApplicationContext context = LoadFaultHarness.app();
		HealthStatusRegistry registry = context.getBean(HealthStatusRegistry.class);
		HealthGrpcService service = context.getBean(HealthGrpcService.class);
		List<ManagedChannel> channels = directChannels(LoadFaultHarness.port(context));
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> LoadFaultHarness.check(channels.get(0), "") == ServingStatus.SERVING);
			int listeners = registry.getListenerCount();
			// an uncounted round: one-off allocations land in the baseline
			WatchBatch.run(channels, batch, service);
			long baseline = LoadFaultHarness.usedHeapAfterGc();
			long started = System.nanoTime();
			for (int opened = 0; opened < streams; opened += batch) {
				WatchBatch.run(channels, batch, service);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			long[] after = new long[1];
			SoftAssertions softly = new SoftAssertions();
			softly.assertThatCode(
					() -> await().atMost(Duration.ofSeconds(10)).until(() -> registry.getListenerCount() == listeners))
				.as("listeners back to %d", listeners)
				.doesNotThrowAnyException();
			softly.assertThat(service.getWatchStreamCount()).as("open Watch streams").isZero();
			softly
				.assertThatCode(() -> await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> (after[0] = LoadFaultHarness.usedHeapAfterGc()) - baseline < HEAP_BOUND))
				.as("heap after GC within %d KB of the baseline", HEAP_BOUND / 1024)
				.doesNotThrowAnyException();
			System.out.printf(
					"Watch churn: %,d streams in batches of %,d, %.1f s (%,.0f streams/s); listeners %d -> %d; "
							+ "heap after GC %,d KB -> %,d KB (%+,d KB)%n",
					streams, batch, seconds, streams / seconds, listeners, registry.getListenerCount(), baseline / 1024,
					after[0] / 1024, (after[0] - baseline) / 1024);
			softly.assertAll();
		}
		finally {
			LoadFaultHarness.shutdown(channels);
			context.close();
		}
	}

	// callbacks run on the transport's threads: the next call starts from there
	private static List<ManagedChannel> directChannels(int port) {
		List<ManagedChannel> channels = new ArrayList<>();
		for (int i = 0; i < CHANNELS; i++) {
			channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build());
		}
		return channels;
	}

	/**
	 * A closed loop of {@link #CALLERS} callers: each starts its next Check when the
	 * previous one answered, until the total is reached.
	 */
	private static final class CheckLoad {

		private final AtomicInteger issued = new AtomicInteger();

		private final AtomicInteger serving = new AtomicInteger();

		private final Queue<String> problems = new ConcurrentLinkedQueue<>();

		private final AtomicInteger problemCount = new AtomicInteger();

		private final CountDownLatch finished = new CountDownLatch(CALLERS);

		private final int total;

		private long nanos;

		private CheckLoad(int total) {
			this.total = total;
		}

		static CheckLoad run(List<ManagedChannel> channels, int total, Duration limit) throws InterruptedException {
			CheckLoad load = new CheckLoad(total);
			long started = System.nanoTime();
			for (int i = 0; i < CALLERS; i++) {
				load.next(HealthGrpc.newStub(channels.get(i % channels.size())));
			}
			assertThat(load.finished.await(limit.toMillis(), TimeUnit.MILLISECONDS))
				.as("%,d calls within %s", total, limit)
				.isTrue();
			load.nanos = System.nanoTime() - started;
			return load;
		}

		double seconds() {
			return this.nanos / 1e9;
		}

		private void next(HealthGrpc.HealthStub stub) {
			int call = this.issued.getAndIncrement();
			if (call >= this.total) {
				this.finished.countDown();
				return;
			}
			String name = NAMES[call % NAMES.length];
			stub.withDeadlineAfter(10, TimeUnit.SECONDS)
				.check(HealthCheckRequest.newBuilder().setService(name).build(), new StreamObserver<>() {

					@Override
					public void onNext(HealthCheckResponse response) {
						if (response.getStatus() == ServingStatus.SERVING) {
							CheckLoad.this.serving.incrementAndGet();
						}
						else {
							problem("'" + name + "' is " + response.getStatus());
						}
					}

					@Override
					public void onError(Throwable ex) {
						problem("'" + name + "' failed: " + Status.fromThrowable(ex));
						next(stub);
					}

					@Override
					public void onCompleted() {
						next(stub);
					}

				});
		}

		private void problem(String problem) {
			if (this.problemCount.getAndIncrement() < 10) {
				this.problems.add(problem);
			}
		}

	}

	/**
	 * One batch of Watch streams: all opened, each one's first answer awaited, all
	 * cancelled, and the server back to its listeners of before.
	 */
	private static final class WatchBatch {

		// the overall status, a service, an unknown name, one too long to ever be known
		private static final String[] WATCHED = { "", "test.v1.Echo", "no.such.Service", "w".repeat(1100) };

		private WatchBatch() {
		}

		static void run(List<ManagedChannel> channels, int streams, HealthGrpcService service)
				throws InterruptedException {
			AtomicReferenceArray<ClientCallStreamObserver<HealthCheckRequest>> calls = new AtomicReferenceArray<>(
					streams);
			CountDownLatch answered = new CountDownLatch(streams);
			Queue<Status> failures = new ConcurrentLinkedQueue<>();
			for (int i = 0; i < streams; i++) {
				int index = i;
				AtomicBoolean first = new AtomicBoolean(true);
				HealthGrpc.newStub(channels.get(i % channels.size()))
					.watch(HealthCheckRequest.newBuilder().setService(WATCHED[i % WATCHED.length]).build(),
							new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {

								@Override
								public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> call) {
									calls.set(index, call);
								}

								@Override
								public void onNext(HealthCheckResponse value) {
									if (first.getAndSet(false)) {
										answered.countDown();
									}
								}

								@Override
								public void onError(Throwable ex) {
									Status status = Status.fromThrowable(ex);
									if (status.getCode() != Status.Code.CANCELLED) {
										failures.add(status);
									}
								}

								@Override
								public void onCompleted() {
									failures.add(Status.OK.withDescription("completed early"));
								}

							});
			}
			assertThat(answered.await(30, TimeUnit.SECONDS)).as("every stream answered").isTrue();
			assertThat(service.getWatchStreamCount()).isEqualTo(streams);
			for (int i = 0; i < streams; i++) {
				calls.get(i).cancel("churn", null);
			}
			// the listeners are counted at the end, with the heap
			await().atMost(Duration.ofSeconds(30)).until(() -> service.getWatchStreamCount() == 0);
			assertThat(failures).isEmpty();
		}

	}

}
