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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SerializingExecutor}.
 *
 * @author health-grpc authors
 */
class SerializingExecutorTests {

	private final SerializingExecutor serializer = new SerializingExecutor();

	@Test
	void anIdleSerializerRunsATaskAtOnceOnTheGivingThread() {
		List<Thread> ran = new CopyOnWriteArrayList<>();
		this.serializer.execute(() -> ran.add(Thread.currentThread()));
		assertThat(ran).containsExactly(Thread.currentThread());
	}

	@Test
	void aTaskGivenWhileAnotherRunsRunsRightAfterItOnThatThread() throws Exception {
		CountDownLatch inFirst = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> order = new CopyOnWriteArrayList<>();
		Thread first = new Thread(() -> this.serializer.execute(() -> {
			inFirst.countDown();
			await(release);
			order.add("first on " + Thread.currentThread().getName());
		}), "first");
		first.start();
		assertThat(inFirst.await(5, TimeUnit.SECONDS)).isTrue();
		// returns at once: the giver never waits
		this.serializer.execute(() -> order.add("second on " + Thread.currentThread().getName()));
		assertThat(order).isEmpty();
		release.countDown();
		first.join(5000);
		assertThat(order).containsExactly("first on first", "second on first");
	}

	@Test
	void aFailingTaskStopsNeitherTheOthersNorLaterOnesAndReachesItsGiver() {
		List<String> ran = new CopyOnWriteArrayList<>();
		assertThatIllegalStateException().isThrownBy(() -> this.serializer.execute(() -> {
			throw new IllegalStateException("boom");
		})).withMessage("boom");
		this.serializer.execute(() -> ran.add("after"));
		assertThat(ran).containsExactly("after");
	}

	@Test
	void manyGiversNeverOverlap() throws Exception {
		ExecutorService givers = Executors.newFixedThreadPool(4);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		try {
			List<Future<?>> done = new CopyOnWriteArrayList<>();
			for (int t = 0; t < 4; t++) {
				done.add(givers.submit(() -> {
					for (int i = 0; i < 20_000; i++) {
						this.serializer.execute(() -> {
							if (inside.incrementAndGet() > 1) {
								overlaps.incrementAndGet();
							}
							runs.incrementAndGet();
							inside.decrementAndGet();
						});
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			givers.shutdownNow();
		}
		assertThat(runs).hasValue(80_000);
		assertThat(overlaps).hasValue(0);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
