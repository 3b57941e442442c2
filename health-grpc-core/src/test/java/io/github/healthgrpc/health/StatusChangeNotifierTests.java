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

package io.github.healthgrpc.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StatusChangeNotifier}.
 *
 * @author health-grpc authors
 */
class StatusChangeNotifierTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final StatusChangeNotifier notifier = new StatusChangeNotifier(this.executor);

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void aListenerWithNothingToFinishIsFinishedAtOnce() {
		HealthStatusListener listener = (service) -> {
		};
		assertThat(listener.registryClosed()).isNotNull()
			.satisfies((stage) -> assertThat(stage.toCompletableFuture()).isCompleted());
	}

	@Test
	void aListenerAddedWhileTheLastOneOfItsNameLeavesIsNeverOrphaned() throws Exception {
		// four threads open and cancel watchers of one name: each add races the removal
		// of
		// the name's last listener, which drops the name's set from the map
		int threads = 4;
		ExecutorService churn = Executors.newFixedThreadPool(threads);
		AtomicInteger orphans = new AtomicInteger();
		AtomicInteger rounds = new AtomicInteger();
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		try {
			List<Future<?>> workers = new CopyOnWriteArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(churn.submit(() -> {
					for (int i = 0; i < 200_000 && System.nanoTime() < deadline; i++) {
						// an instance of its own (a lambda that captures nothing is one
						// shared instance)
						HealthStatusListener listener = new HealthStatusListener() {

							@Override
							public void statusChanged(String service) {
							}

						};
						this.notifier.add("svc", listener);
						if (!this.notifier.isListening("svc", listener)) {
							orphans.incrementAndGet();
						}
						this.notifier.remove("svc", listener);
						rounds.incrementAndGet();
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			churn.shutdownNow();
		}
		assertThat(rounds.get()).as("rounds run").isGreaterThan(10_000);
		assertThat(orphans).as("listeners added but not listening").hasValue(0);
		assertThat(this.notifier.listenerCount()).isZero();
	}

	@Test
	void anErrorThrownByAListenerStopsNeitherTheOthersNorLaterFanOuts() {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.notifier.add("svc", (service) -> {
			throw new AssertionError("a listener's bug");
		});
		this.notifier.add("svc", (service) -> {
			throw new StackOverflowError();
		});
		this.notifier.add("svc", heard::add);
		for (int i = 1; i <= 3; i++) {
			this.notifier.changed("svc");
			int expected = i;
			await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == expected);
		}
	}

	@Test
	void closeCompletesOnlyWhenEveryListenerHasFinished() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();
		this.notifier.add("svc", new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
			}

			@Override
			public java.util.concurrent.CompletionStage<?> registryClosed() {
				return finished;
			}

		});
		java.util.concurrent.CompletableFuture<Void> closed = this.notifier.close();
		// told, not yet finished: the close is not done
		await().atMost(Duration.ofSeconds(5)).until(() -> this.notifier.listenerCount() == 0);
		assertThat(closed).isNotDone();
		finished.complete(null);
		closed.get(5, TimeUnit.SECONDS);
		release.countDown();
	}

	@Test
	void aListenerThatFailsOnCloseDoesNotHoldTheClose() throws Exception {
		this.notifier.add("svc", new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
			}

			@Override
			public java.util.concurrent.CompletionStage<?> registryClosed() {
				throw new IllegalStateException("boom");
			}

		});
		this.notifier.close().get(5, TimeUnit.SECONDS);
	}

	@Test
	void afterReopenListenersAreKeptAgainAndACloseTellsThemAgain() throws Exception {
		List<String> closed = new CopyOnWriteArrayList<>();
		this.notifier.close().get(5, TimeUnit.SECONDS);
		this.notifier.reopen();
		this.notifier.add("svc", closingListener("first", closed));
		this.notifier.changed("svc");
		assertThat(this.notifier.listenerCount()).isOne();
		this.notifier.close().get(5, TimeUnit.SECONDS);
		assertThat(closed).containsExactly("first");
	}

	@Test
	void removingOneListenerKeepsTheOthersOfItsName() {
		HealthStatusListener one = closingListener("one", new CopyOnWriteArrayList<>());
		HealthStatusListener two = closingListener("two", new CopyOnWriteArrayList<>());
		this.notifier.add("svc", one);
		this.notifier.add("svc", two);
		this.notifier.remove("svc", one);
		assertThat(this.notifier.isListening("svc", one)).isFalse();
		assertThat(this.notifier.isListening("svc", two)).isTrue();
		assertThat(this.notifier.listenedNames()).isOne();
		this.notifier.remove("svc", two);
		assertThat(this.notifier.isListening("svc", two)).isFalse();
		assertThat(this.notifier.listenerCount()).isZero();
		// no set is left behind for a name nobody listens to
		assertThat(this.notifier.listenedNames()).isZero();
	}

	@Test
	void closeOnlyListenersAreCountedAndHearOnlyTheClose() throws Exception {
		List<String> closed = new CopyOnWriteArrayList<>();
		HealthStatusListener listener = closingListener("close-only", closed);
		this.notifier.addCloseOnly(listener);
		assertThat(this.notifier.isListening(null, listener)).isTrue();
		assertThat(this.notifier.isListening("svc", listener)).isFalse();
		this.notifier.close().get(5, TimeUnit.SECONDS);
		assertThat(closed).containsExactly("close-only");
		assertThat(this.notifier.isListening(null, listener)).isFalse();
	}

	@Test
	void aLaterCloseDoesNotWaitForListenersOfAnEarlierOne() throws Exception {
		this.notifier.add("svc", new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
			}

			@Override
			public java.util.concurrent.CompletionStage<?> registryClosed() {
				// never finishes
				return new java.util.concurrent.CompletableFuture<>();
			}

		});
		java.util.concurrent.CompletableFuture<Void> first = this.notifier.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.notifier.listenerCount() == 0);
		assertThat(first).isNotDone();
		this.notifier.reopen();
		this.notifier.close().get(5, TimeUnit.SECONDS);
	}

	@Test
	void anExecutorThatIsShutDownEndsTheCloseAtOnce() throws Exception {
		ExecutorService gone = Executors.newSingleThreadExecutor();
		gone.shutdown();
		StatusChangeNotifier orphan = new StatusChangeNotifier(gone);
		orphan.add("svc", closingListener("never told", new CopyOnWriteArrayList<>()));
		orphan.close().get(5, TimeUnit.SECONDS);
	}

	@Test
	void anExecutorThatRefusedOnceIsAskedAgainForLaterChanges() {
		java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
		StatusChangeNotifier flaky = new StatusChangeNotifier((task) -> {
			if (refused.compareAndSet(false, true)) {
				throw new java.util.concurrent.RejectedExecutionException("busy");
			}
			this.executor.execute(task);
		});
		List<String> heard = new CopyOnWriteArrayList<>();
		flaky.add("svc", heard::add);
		flaky.changed("svc");
		flaky.changed("svc");
		await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
	}

	private static HealthStatusListener closingListener(String name, List<String> closed) {
		return new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
			}

			@Override
			public java.util.concurrent.CompletionStage<?> registryClosed() {
				closed.add(name);
				return java.util.concurrent.CompletableFuture.completedFuture(null);
			}

		};
	}

}
