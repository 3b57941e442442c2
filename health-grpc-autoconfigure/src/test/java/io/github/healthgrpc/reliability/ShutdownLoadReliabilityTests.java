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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.integration.HealthGrpcTestApplication.ServerEvents;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown of a whole application with a thousand Watch streams open over Netty, a fifth
 * of them not reading: every reader is told NOT_SERVING at once, and every stream, read
 * or not, is completed on the server within the drain delay, long before the server's
 * grace period would end it.
 *
 * @author health-grpc authors
 */
class ShutdownLoadReliabilityTests {

	private static final Duration DRAIN = Duration.ofSeconds(1);

	private static final Duration GRACE = Duration.ofSeconds(6);

	private static final int STREAMS = 1_000;

	// the first 100 never read, the next 100 read one message only
	private static final int NEVER_READ = 100;

	private static final int READ_ONCE = 100;

	@Test
	void aThousandWatchStreamsSeeNotServingAndEndWithinTheDrainNotTheGracePeriod() throws Exception {
		ConfigurableApplicationContext context = LoadFaultHarness.app(
				"health-grpc.health.lifecycle.drain-delay=" + DRAIN.toMillis() + "ms",
				"grpc.server.shutdown-grace-period=" + GRACE.toSeconds() + "s");
		ServerEvents events = context.getBean(ServerEvents.class);
		HealthGrpcService service = context.getBean(HealthGrpcService.class);
		List<ManagedChannel> channels = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			channels.add(LoadFaultHarness.channel(events.port()));
		}
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> LoadFaultHarness.check(channels.get(0), "") == ServingStatus.SERVING);
			List<Watcher> watchers = new ArrayList<>();
			for (int i = 0; i < STREAMS; i++) {
				int initial = (i < NEVER_READ) ? 0 : (i < NEVER_READ + READ_ONCE) ? 1 : -1;
				watchers.add(Watcher.start(channels.get(i % channels.size()), initial));
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> service.getWatchStreamCount() == STREAMS && watchers.stream()
					.allMatch((watcher) -> watcher.initial == 0 || watcher.seen.contains(ServingStatus.SERVING)));
			long closing = System.nanoTime();
			context.close();
			long closed = System.nanoTime();
			List<Watcher> readers = watchers.subList(NEVER_READ + READ_ONCE, STREAMS);
			await().atMost(Duration.ofSeconds(5)).until(() -> readers.stream().allMatch(Watcher::ended));
			// now the others read what was sent to them, the end included
			watchers.subList(0, NEVER_READ + READ_ONCE).forEach((watcher) -> watcher.call.request(10));
			await().atMost(Duration.ofSeconds(5)).until(() -> watchers.stream().allMatch(Watcher::ended));
			long told = readers.stream().filter((watcher) -> watcher.notServingAt != 0).count();
			long toldAtMost = readers.stream()
				.filter((watcher) -> watcher.notServingAt != 0)
				.mapToLong((watcher) -> watcher.notServingAt - closing)
				.max()
				.orElse(-1);
			long endedAtLeast = readers.stream().mapToLong((watcher) -> watcher.endedAt - closing).min().orElse(-1);
			long endedAtMost = readers.stream().mapToLong((watcher) -> watcher.endedAt - closing).max().orElse(-1);
			long serverStop = events.time("GrpcServerTerminatedEvent") - events.time("GrpcServerShutdownEvent");
			System.out.printf(
					"Shutdown with %d Watch streams (%d not reading): NOT_SERVING to %d of %d readers within %d ms, "
							+ "readers ended %d to %d ms after the close began (drain %d ms, grace %d s), "
							+ "server stopped in %d ms, close took %d ms%n",
					STREAMS, NEVER_READ + READ_ONCE, told, readers.size(), millis(toldAtMost), millis(endedAtLeast),
					millis(endedAtMost), DRAIN.toMillis(), GRACE.toSeconds(), millis(serverStop),
					millis(closed - closing));
			for (Watcher watcher : watchers) {
				assertThat(watcher.end).as("how a stream ended").isEqualTo(Status.Code.OK);
				assertThat(watcher.seen).as("what a stream saw").last().isEqualTo(ServingStatus.NOT_SERVING);
			}
			// told at once, before the drain ends; completed after it
			assertThat(Duration.ofNanos(toldAtMost)).isLessThan(DRAIN);
			assertThat(Duration.ofNanos(endedAtLeast)).isGreaterThan(DRAIN.minusMillis(50));
			assertThat(Duration.ofNanos(endedAtMost)).isLessThan(DRAIN.plus(GRACE));
			// completed on the server too, non-readers included:
			// none held the server into its grace period
			assertThat(events.watchStreamsWhenStopping()).isZero();
			assertThat(Duration.ofNanos(serverStop)).isLessThan(GRACE.dividedBy(2));
			assertThat(Duration.ofNanos(closed - closing)).isLessThan(DRAIN.plus(GRACE));
		}
		finally {
			LoadFaultHarness.shutdown(channels);
			context.close();
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	/**
	 * One Watch stream of the overall status and what it saw, with the times it was told
	 * NOT_SERVING and ended.
	 */
	private static final class Watcher implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {

		private final int initial;

		private final List<ServingStatus> seen = Collections.synchronizedList(new ArrayList<>());

		private volatile ClientCallStreamObserver<HealthCheckRequest> call;

		private volatile long notServingAt;

		private volatile long endedAt;

		private volatile Status.Code end;

		private Watcher(int initial) {
			this.initial = initial;
		}

		/**
		 * Start watching; {@code initial} is how many messages it reads, or -1 for all.
		 */
		static Watcher start(ManagedChannel channel, int initial) {
			Watcher watcher = new Watcher(initial);
			HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), watcher);
			return watcher;
		}

		boolean ended() {
			return this.end != null;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
			this.call = requestStream;
			if (this.initial >= 0) {
				requestStream.disableAutoRequestWithInitial(this.initial);
			}
		}

		@Override
		public void onNext(HealthCheckResponse value) {
			if (value.getStatus() == ServingStatus.NOT_SERVING && this.notServingAt == 0) {
				this.notServingAt = System.nanoTime();
			}
			this.seen.add(value.getStatus());
		}

		@Override
		public void onError(Throwable ex) {
			this.endedAt = System.nanoTime();
			this.end = Status.fromThrowable(ex).getCode();
		}

		@Override
		public void onCompleted() {
			this.endedAt = System.nanoTime();
			this.end = Status.Code.OK;
		}

	}

}
