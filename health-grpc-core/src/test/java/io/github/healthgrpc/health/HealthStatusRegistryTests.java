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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HealthStatusRegistry}.
 *
 * @author health-grpc authors
 */
class HealthStatusRegistryTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	@AfterEach
	void shutdown() {
		this.notifier.shutdownNow();
	}

	@Test
	void unknownServiceHasNoStatus() {
		assertThat(this.registry.getStatus("nope")).isNull();
		assertThat(this.registry.snapshot()).isEmpty();
	}

	@Test
	void overrideTakesPrecedenceOverEvaluatedUntilCleared() {
		this.registry.setEvaluatedStatus("svc", ServingStatus.SERVING);
		this.registry.setStatus("svc", ServingStatus.NOT_SERVING);
		this.registry.setEvaluatedStatus("svc", ServingStatus.SERVING);
		assertThat(this.registry.getStatus("svc")).isEqualTo(ServingStatus.NOT_SERVING);
		this.registry.clearStatus("svc");
		assertThat(this.registry.getStatus("svc")).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void clearingAnOverrideWithoutEvaluationMakesTheServiceUnknown() {
		this.registry.setStatus("manual", ServingStatus.SERVING);
		this.registry.clearStatus("manual");
		assertThat(this.registry.getStatus("manual")).isNull();
	}

	@Test
	void closedGateReportsNotServingAndReopensToOwnStatus() {
		this.registry.setEvaluatedStatus("a", ServingStatus.SERVING);
		this.registry.setStatus("b", ServingStatus.UNKNOWN);
		this.registry.setAcceptingTraffic(false);
		assertThat(this.registry.snapshot()).containsOnlyKeys("a", "b").allSatisfy((name, status) -> {
			assertThat(status).isEqualTo(ServingStatus.NOT_SERVING);
		});
		this.registry.setAcceptingTraffic(true);
		assertThat(this.registry.getStatus("a")).isEqualTo(ServingStatus.SERVING);
		assertThat(this.registry.getStatus("b")).isEqualTo(ServingStatus.UNKNOWN);
	}

	@Test
	void registryCreatedNotAcceptingTrafficStartsNotServing() {
		HealthStatusRegistry gated = new HealthStatusRegistry(this.notifier);
		gated.setEvaluatedStatus("", ServingStatus.SERVING);
		assertThat(gated.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void terminalStateIsNotServingForGoodAndIgnoresUpdates() {
		this.registry.setEvaluatedStatus("a", ServingStatus.SERVING);
		assertThat(this.registry.enterTerminalState()).isTrue();
		assertThat(this.registry.enterTerminalState()).isFalse();
		this.registry.setStatus("a", ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("b", ServingStatus.SERVING);
		this.registry.setAcceptingTraffic(true);
		assertThat(this.registry.snapshot()).containsExactlyEntriesOf(java.util.Map.of("a", ServingStatus.NOT_SERVING));
		assertThat(this.registry.isAcceptingTraffic()).isFalse();
	}

	@Test
	void rejectsServiceNamesLongerThanTheMaximum() {
		String name = "x".repeat(HealthStatusRegistry.MAX_SERVICE_NAME_LENGTH + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.setStatus(name, ServingStatus.SERVING))
			.withMessageContaining("1024");
	}

	@Test
	void listenersHearChangesButNotRepeats() {
		ManualExecutor manual = new ManualExecutor();
		HealthStatusRegistry stepped = new HealthStatusRegistry(manual, true);
		List<ServingStatus> heard = new CopyOnWriteArrayList<>();
		stepped.addListener("svc", (service) -> heard.add(stepped.getStatus(service)));
		stepped.setEvaluatedStatus("svc", ServingStatus.SERVING);
		manual.runAll();
		assertThat(heard).containsExactly(ServingStatus.SERVING);
		stepped.setEvaluatedStatus("svc", ServingStatus.SERVING);
		stepped.setEvaluatedStatus("other", ServingStatus.NOT_SERVING);
		manual.runAll();
		// the repeat told nobody; the change that follows it is heard
		assertThat(heard).containsExactly(ServingStatus.SERVING);
		stepped.setStatus("svc", ServingStatus.NOT_SERVING);
		manual.runAll();
		assertThat(heard).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
	}

	@Test
	void settingAStatusNeverWaitsForABlockedListener() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch entered = new CountDownLatch(1);
		this.registry.addListener("svc", (service) -> {
			entered.countDown();
			awaitQuietly(release);
		});
		this.registry.setEvaluatedStatus("svc", ServingStatus.SERVING);
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		// the only notifier thread is blocked in the listener (for 10 s at most); setters
		// must still return at once
		assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
			for (int i = 0; i < 1000; i++) {
				this.registry.setEvaluatedStatus("svc",
						(i % 2 == 0) ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
			}
		});
		assertThat(this.registry.getStatus("svc")).isEqualTo(ServingStatus.SERVING);
		release.countDown();
	}

	@Test
	void changesDuringAFanOutCoalesceIntoOneMoreNotification() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		List<String> heard = new CopyOnWriteArrayList<>();
		this.registry.addListener("svc", (service) -> {
			heard.add(service);
			awaitQuietly(release);
		});
		this.registry.setEvaluatedStatus("svc", ServingStatus.SERVING);
		await().until(() -> heard.size() == 1);
		for (int i = 0; i < 100; i++) {
			this.registry.setEvaluatedStatus("svc", (i % 2 == 0) ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
		}
		release.countDown();
		await().until(() -> heard.size() == 2);
		this.notifier.submit(() -> null);
		this.notifier.shutdown();
		assertThat(this.notifier.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		assertThat(heard).hasSize(2);
	}

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.registry.addListener("svc", (service) -> {
			throw new IllegalStateException("boom");
		});
		this.registry.addListener("svc", heard::add);
		this.registry.setEvaluatedStatus("svc", ServingStatus.SERVING);
		await().until(() -> heard.size() == 1);
	}

	@Test
	void closeListenersTellsCurrentAndLaterListeners() throws Exception {
		List<String> closed = new CopyOnWriteArrayList<>();
		this.registry.addListener("a", listener("a", closed));
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		assertThat(closed).containsExactly("a");
		this.registry.addListener("b", listener("b", closed));
		await().until(() -> closed.size() == 2);
		assertThat(closed).containsExactly("a", "b");
	}

	@Test
	void aListenerOfEveryNameHearsNewNamesAndStaysThroughAClose() throws Exception {
		List<String> heard = new CopyOnWriteArrayList<>();
		List<String> closed = new CopyOnWriteArrayList<>();
		HealthStatusListener everyName = listener("every", heard, closed);
		this.registry.addListener(everyName);
		this.registry.setStatus("a", ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("b", ServingStatus.NOT_SERVING);
		await().until(() -> heard.size() == 2);
		assertThat(heard).containsExactly("a", "b");
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		assertThat(closed).containsExactly("every");
		// unlike a listener of one name, it hears the changes after a resume
		this.registry.resume();
		this.registry.removeEvaluatedStatus("b");
		await().until(() -> heard.size() == 3);
		assertThat(heard).endsWith("b");
		assertThat(this.registry.getListenerCount()).isOne();
		this.registry.removeListener(everyName);
		assertThat(this.registry.getListenerCount()).isZero();
		this.registry.setStatus("c", ServingStatus.SERVING);
		// an event after the absence: a listener of "c" hears it, the removed one did not
		CountDownLatch c = new CountDownLatch(1);
		this.registry.addListener("c", (service) -> c.countDown());
		this.registry.setStatus("c", ServingStatus.NOT_SERVING);
		assertThat(c.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(heard).hasSize(3);
	}

	@Test
	void everyListenerOfANameIsGivenOneInstanceOfItUntilTheLastLeaves() {
		HealthStatusListener first = (service) -> {
		};
		HealthStatusListener second = (service) -> {
		};
		String kept = this.registry.addListener(new String("svc"), first);
		assertThat(kept).isEqualTo("svc");
		// a copy of its own, as each Watch request brings: the first listener's is kept
		assertThat(this.registry.addListener(new String("svc"), second)).isSameAs(kept);
		this.registry.removeListener("svc", first);
		this.registry.removeListener("svc", second);
		String again = new String("svc");
		assertThat(this.registry.addListener(again, first)).isSameAs(again);
	}

	@Test
	void removedListenersAreForgotten() {
		HealthStatusListener listener = (service) -> {
		};
		this.registry.addListener("svc", listener);
		assertThat(this.registry.getListenerCount()).isOne();
		this.registry.removeListener("svc", listener);
		assertThat(this.registry.getListenerCount()).isZero();
	}

	@Test
	void ownNotifierIsReleasedOnClose() throws InterruptedException {
		// created from a thread that is no daemon: a thread inherits that flag otherwise
		HealthStatusRegistry own = HealthStatusRegistry.withOwnNotifier(true);
		List<Thread> notifiers = new CopyOnWriteArrayList<>();
		own.addListener("", (service) -> notifiers.add(Thread.currentThread()));
		Thread setter = new Thread(() -> own.setEvaluatedStatus("", ServingStatus.SERVING));
		setter.setDaemon(false);
		setter.start();
		setter.join(5000);
		await().atMost(Duration.ofSeconds(5)).until(() -> notifiers.size() == 1);
		Thread notifier = notifiers.get(0);
		assertThat(notifier.getName()).isEqualTo("health-grpc-notifier");
		// never holds the JVM up
		assertThat(notifier.isDaemon()).isTrue();
		own.close();
		// an idle notifier thread would live on for a minute without the close
		notifier.join(5000);
		assertThat(notifier.isAlive()).isFalse();
	}

	@Test
	void pauseTurnsEveryStatusNotServingUntilResume() {
		this.registry.setEvaluatedStatus("a", ServingStatus.SERVING);
		this.registry.pause();
		assertThat(this.registry.getStatus("a")).isEqualTo(ServingStatus.NOT_SERVING);
		assertThat(this.registry.isAcceptingTraffic()).isFalse();
		this.registry.resume();
		assertThat(this.registry.getStatus("a")).isEqualTo(ServingStatus.SERVING);
		assertThat(this.registry.isAcceptingTraffic()).isTrue();
	}

	@Test
	void resumeAfterTheTerminalStateChangesNothing() {
		this.registry.setEvaluatedStatus("a", ServingStatus.SERVING);
		this.registry.pause();
		this.registry.enterTerminalState();
		this.registry.resume();
		assertThat(this.registry.getStatus("a")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void aCloseListenerHearsOnlyTheClose() throws Exception {
		List<String> closed = new CopyOnWriteArrayList<>();
		HealthStatusListener listener = listener("close-only", closed);
		this.registry.addCloseListener(listener);
		assertThat(this.registry.getListenerCount()).isOne();
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		assertThat(closed).containsExactly("close-only");
		this.registry.removeCloseListener(listener);
		assertThat(this.registry.getListenerCount()).isZero();
	}

	private static HealthStatusListener listener(String name, List<String> closed) {
		return new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
			}

			@Override
			public CompletionStage<?> registryClosed() {
				closed.add(name);
				return CompletableFuture.completedFuture(null);
			}

		};
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void rejectsWhatCanNeverBeRight() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HealthStatusRegistry(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.setStatus(null, ServingStatus.SERVING));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.addListener(null, (service) -> {
		}));
	}

	@Test
	void aNameOfTheMaximumLengthHoldsAStatus() {
		String longest = "x".repeat(HealthStatusRegistry.MAX_SERVICE_NAME_LENGTH);
		this.registry.setStatus(longest, ServingStatus.SERVING);
		assertThat(this.registry.getStatus(longest)).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void removingAnEvaluatedStatusForgetsTheService() {
		this.registry.setEvaluatedStatus("a", ServingStatus.SERVING);
		this.registry.removeEvaluatedStatus("a");
		assertThat(this.registry.getStatus("a")).isNull();
	}

	@Test
	void isTerminalOnlyOnceEntered() {
		assertThat(this.registry.isTerminal()).isFalse();
		this.registry.enterTerminalState();
		assertThat(this.registry.isTerminal()).isTrue();
	}

	@Test
	void aRemovedCloseListenerIsNotTold() throws Exception {
		List<String> closed = new CopyOnWriteArrayList<>();
		HealthStatusListener listener = listener("gone", closed);
		this.registry.addCloseListener(listener);
		this.registry.removeCloseListener(listener);
		assertThat(this.registry.getListenerCount()).isZero();
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		assertThat(closed).isEmpty();
	}

	private static HealthStatusListener listener(String name, List<String> heard, List<String> closed) {
		return new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
				heard.add(service);
			}

			@Override
			public CompletionStage<?> registryClosed() {
				closed.add(name);
				return CompletableFuture.completedFuture(null);
			}

		};
	}

	/**
	 * Runs notifier tasks only when the test says so.
	 */
	private static final class ManualExecutor implements java.util.concurrent.Executor {

		private final java.util.Queue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		void runAll() {
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
			}
		}

	}

}
