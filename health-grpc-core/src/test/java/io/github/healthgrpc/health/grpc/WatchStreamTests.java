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

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.NotifierThread;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthCheckResponse;
import io.grpc.stub.ServerCallStreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatchStream} against a recording observer, where every send attempt
 * can be counted.
 *
 * @author health-grpc authors
 */
class WatchStreamTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final RecordingObserver observer = new RecordingObserver();

	private final AtomicInteger ended = new AtomicInteger();

	private final WatchStream.Shared shared = new WatchStream.Shared(this.registry, this.ended::incrementAndGet);

	@AfterEach
	void stop() {
		this.notifier.shutdownNow();
	}

	@Test
	void theCurrentStatusIsSentAtStartWithoutWaitingForTheTransport() {
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		new WatchStream("", this.shared, this.observer).start();
		assertThat(this.observer.sent).containsExactly(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void eachChangeCostsOneSendAttempt() throws Exception {
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		// else the notifier can tell the new stream of that status: one attempt more
		NotifierThread.awaitDelivered(this.notifier);
		new WatchStream("", this.shared, this.observer).start();
		this.registry.setStatus("", ServingStatus.NOT_SERVING);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.observer.sent.size() == 2);
		this.registry.setStatus("", ServingStatus.SERVING);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.observer.sent.size() == 3);
		// the start and two changes: nothing keeps trying after the last one was sent
		assertThat(this.observer.readyChecks).hasValue(3);
	}

	@Test
	void aStreamThatIsNotReadyGetsOnlyTheLatestStatusWhenItIs() throws Exception {
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		NotifierThread.awaitDelivered(this.notifier);
		this.observer.ready = false;
		new WatchStream("", this.shared, this.observer).start();
		this.registry.setStatus("", ServingStatus.NOT_SERVING);
		this.registry.setStatus("", ServingStatus.UNKNOWN);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.observer.readyChecks.get() >= 2);
		assertThat(this.observer.sent).isEmpty();
		this.observer.ready = true;
		this.observer.onReady.run();
		assertThat(this.observer.sent).containsExactly(HealthCheckResponse.ServingStatus.UNKNOWN);
	}

	@Test
	void aStreamKeepsTheRegistrysInstanceOfItsNameAndLetsItsRequestsCopyGo() {
		this.registry.setEvaluatedStatus("svc", ServingStatus.SERVING);
		new WatchStream("svc", this.shared, new RecordingObserver()).start();
		// as a server decodes it from each request: a copy of the name per stream
		String copy = new String("svc");
		WeakReference<String> requested = new WeakReference<>(copy);
		WatchStream stream = new WatchStream(copy, this.shared, this.observer);
		copy = null;
		stream.start();
		// a stream reads its name on every send: thousands of streams read one instance
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return requested.get() == null;
		});
		this.registry.setEvaluatedStatus("svc", ServingStatus.NOT_SERVING);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.observer.sent.equals(
					List.of(HealthCheckResponse.ServingStatus.SERVING, HealthCheckResponse.ServingStatus.NOT_SERVING)));
	}

	@Test
	void aCancelledStreamIsReleasedOnce() {
		new WatchStream("", this.shared, this.observer).start();
		// as gRPC does: the call is cancelled before its cancel handler runs
		this.observer.cancelled = true;
		this.observer.onCancel.run();
		this.observer.onCancel.run();
		assertThat(this.ended).hasValue(1);
		assertThat(this.registry.getListenerCount()).isZero();
	}

	@Test
	void theStreamIsItsCallsReadyAndCancelHandlerAndSendsWhenReady() {
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		this.observer.ready = false;
		new WatchStream("", this.shared, this.observer).start();
		// nothing of its own per call: the stream itself handles both events
		assertThat(this.observer.onReady).isSameAs(this.observer.onCancel);
		this.observer.ready = true;
		this.observer.onReady.run();
		assertThat(this.observer.sent).containsExactly(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(this.ended).hasValue(0);
	}

	@Test
	void theRegistryWaitsForAStreamToCompleteAndNotForOneAlreadyCancelled() throws Exception {
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		WatchStream open = new WatchStream("", this.shared, this.observer);
		open.start();
		RecordingObserver cancelledObserver = new RecordingObserver();
		WatchStream cancelled = new WatchStream("", this.shared, cancelledObserver);
		cancelled.start();
		cancelledObserver.cancelled = true;
		cancelledObserver.onCancel.run();
		assertThat(cancelled.registryClosed().toCompletableFuture()).isDone();
		CompletableFuture<?> finished = open.registryClosed().toCompletableFuture();
		// completed by this thread, or by the notifier's if it is still delivering the
		// change above to this stream: it then holds the stream's send loop
		assertThat(finished).succeedsWithin(Duration.ofSeconds(5));
		assertThat(this.observer.completed).isTrue();
		assertThat(this.ended).hasValue(2);
	}

	/**
	 * Records what a Watch stream sends, and how often it asks whether it may.
	 */
	static final class RecordingObserver extends ServerCallStreamObserver<HealthCheckResponse> {

		final List<HealthCheckResponse.ServingStatus> sent = new CopyOnWriteArrayList<>();

		final AtomicInteger readyChecks = new AtomicInteger();

		volatile boolean ready = true;

		volatile boolean completed;

		volatile boolean cancelled;

		volatile Runnable onReady;

		volatile Runnable onCancel;

		@Override
		public boolean isReady() {
			this.readyChecks.incrementAndGet();
			return this.ready;
		}

		@Override
		public void setOnReadyHandler(Runnable onReadyHandler) {
			this.onReady = onReadyHandler;
		}

		@Override
		public void setOnCancelHandler(Runnable onCancelHandler) {
			this.onCancel = onCancelHandler;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public void onNext(HealthCheckResponse value) {
			this.sent.add(value.getStatus());
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
			this.completed = true;
		}

		@Override
		public void setCompression(String compression) {
		}

		@Override
		public void disableAutoInboundFlowControl() {
		}

		@Override
		public void request(int count) {
		}

		@Override
		public void setMessageCompression(boolean enable) {
		}

	}

}
