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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HealthLifecycle}.
 *
 * @author health-grpc authors
 */
class HealthLifecycleTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier);

	private final List<String> events = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutdown() {
		this.notifier.shutdownNow();
	}

	@Test
	void servicesOfAStartedServerGetAStatusThatWaitsForReadiness() {
		HealthLifecycle lifecycle = lifecycle(true, Duration.ZERO);
		lifecycle.serverStarted(List.of("a.Svc"));
		assertThat(this.registry.snapshot()).containsOnlyKeys("", "a.Svc").containsValues(ServingStatus.NOT_SERVING);
		lifecycle.readinessChanged(true);
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
		lifecycle.readinessChanged(false);
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void withoutWaitingForReadinessServicesServeOnceTheServerStarted() {
		lifecycle(false, Duration.ZERO).serverStarted(List.of("a.Svc"));
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void closingFlipsToNotServingThenDrainsThenCompletesWatchers() throws Exception {
		HealthLifecycle lifecycle = lifecycle(true, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of());
		lifecycle.readinessChanged(true);
		NotifierThread.awaitDelivered(this.notifier);
		this.registry.addListener("", recordingListener());
		lifecycle.contextClosing();
		assertThat(this.events).containsExactly("changed:NOT_SERVING", "pause:PT7S", "closed");
		lifecycle.readinessChanged(true);
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void closingWithoutAStartedServerDoesNotDrain() {
		lifecycle(true, Duration.ofSeconds(7)).contextClosing();
		assertThat(this.events).isEmpty();
		assertThat(this.registry.isTerminal()).isTrue();
	}

	@Test
	void serverStoppingWithoutContextCloseStillFlipsAndCompletes() throws Exception {
		HealthLifecycle lifecycle = lifecycle(false, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of());
		NotifierThread.awaitDelivered(this.notifier);
		this.registry.addListener("", recordingListener());
		lifecycle.serverStopping();
		// the flip reached the listener, then it was told to complete; no drain
		assertThat(this.events).containsExactly("changed:NOT_SERVING", "closed");
		assertThat(this.registry.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
	}

	@Test
	void closingWhenNothingWasEverServedDoesNotDrain() {
		HealthLifecycle lifecycle = lifecycle(true, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of("a.Svc"));
		// readiness never came: no consumer ever saw this instance serve
		lifecycle.contextClosing();
		assertThat(this.events).doesNotContain("pause:PT7S");
		assertThat(this.registry.isTerminal()).isTrue();
	}

	@Test
	void closingAfterTheServerStoppedDoesNotDrain() {
		HealthLifecycle lifecycle = lifecycle(false, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of("a.Svc"));
		lifecycle.serverStopping();
		lifecycle.contextClosing();
		assertThat(this.events).doesNotContain("pause:PT7S");
	}

	@Test
	void aServerThatStopsAndStartsAgainServesAgainAndKeepsNewWatchers() {
		HealthLifecycle lifecycle = lifecycle(false, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of("a.Svc"));
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
		lifecycle.serverStopping();
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
		lifecycle.serverStarted(List.of("a.Svc"));
		assertThat(this.registry.getStatus("a.Svc")).isEqualTo(ServingStatus.SERVING);
		List<String> heard = new CopyOnWriteArrayList<>();
		this.registry.addListener("a.Svc", heard::add);
		this.registry.setStatus("a.Svc", ServingStatus.NOT_SERVING);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
		assertThat(this.registry.getListenerCount()).isOne();
	}

	@Test
	void rejectsWhatCanNeverBeRight() {
		FixedHealthStatusUpdater updater = new FixedHealthStatusUpdater(this.registry);
		assertThatIllegalArgumentException().isThrownBy(() -> new HealthLifecycle(null, updater, true, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthLifecycle(this.registry, null, true, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthLifecycle(this.registry, updater, true, Duration.ofMillis(-1)));
	}

	@Test
	void closingWithoutADrainStillCompletesWatchers() {
		HealthLifecycle lifecycle = lifecycle(true, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of());
		this.registry.addListener("", recordingListener());
		// never ready: no drain, but the streams are completed all the same
		lifecycle.contextClosing();
		assertThat(this.events).endsWith("closed").noneMatch((event) -> event.startsWith("pause"));
	}

	@Test
	void withoutWaitingForReadinessAServedInstanceDrainsOnClose() {
		HealthLifecycle lifecycle = lifecycle(false, Duration.ofSeconds(7));
		lifecycle.serverStarted(List.of());
		lifecycle.contextClosing();
		assertThat(this.events).containsExactly("pause:PT7S");
	}

	@Test
	void anInterruptedDrainStillCompletesWatchersAndKeepsTheInterrupt() {
		HealthLifecycle lifecycle = new HealthLifecycle(this.registry, new FixedHealthStatusUpdater(this.registry),
				false, Duration.ofSeconds(7), (duration) -> {
					throw new InterruptedException();
				});
		lifecycle.serverStarted(List.of());
		this.registry.addListener("", recordingListener());
		lifecycle.contextClosing();
		assertThat(Thread.interrupted()).isTrue();
		// asked for at once, not waited for: the interrupt says stop waiting
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.events.contains("closed"));
	}

	@Test
	void anInterruptedWaitForWatchersKeepsTheInterrupt() {
		HealthLifecycle lifecycle = lifecycle(false, Duration.ZERO);
		lifecycle.serverStarted(List.of());
		// a watcher that never finishes: the close really waits when it is interrupted
		this.registry.addListener("", new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
			}

			@Override
			public CompletionStage<?> registryClosed() {
				return new CompletableFuture<>();
			}

		});
		Thread.currentThread().interrupt();
		lifecycle.serverStopping();
		assertThat(Thread.interrupted()).isTrue();
	}

	@Test
	void theDrainReallyWaits() {
		HealthLifecycle lifecycle = new HealthLifecycle(this.registry, new FixedHealthStatusUpdater(this.registry),
				false, Duration.ofMillis(200));
		lifecycle.serverStarted(List.of());
		long started = System.nanoTime();
		lifecycle.contextClosing();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void aFixedUpdaterServesItsServicesFromTheStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FixedHealthStatusUpdater(null));
		HealthStatusRegistry open = new HealthStatusRegistry(this.notifier, true);
		new FixedHealthStatusUpdater(open, List.of("readiness"));
		assertThat(open.snapshot()).containsOnlyKeys("", "readiness").containsValues(ServingStatus.SERVING);
	}

	private HealthStatusListener recordingListener() {
		return new HealthStatusListener() {

			@Override
			public void statusChanged(String service) {
				HealthLifecycleTests.this.events
					.add("changed:" + HealthLifecycleTests.this.registry.getStatus(service));
			}

			@Override
			public CompletionStage<?> registryClosed() {
				HealthLifecycleTests.this.events.add("closed");
				return CompletableFuture.completedFuture(null);
			}

		};
	}

	private HealthLifecycle lifecycle(boolean waitForReadiness, Duration drain) {
		return new HealthLifecycle(this.registry, new FixedHealthStatusUpdater(this.registry), waitForReadiness, drain,
				(duration) -> {
					// the NOT_SERVING change has reached a listener before the drain
					// starts
					org.awaitility.Awaitility.await()
						.atMost(Duration.ofSeconds(5))
						.until(() -> this.registry.getListenerCount() == 0 || !this.events.isEmpty());
					this.events.add("pause:" + duration);
				});
	}

}
