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

package io.github.healthgrpc.client.downstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.healthgrpc.client.downstream.DownstreamAnswer.Status;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DownstreamChecks} on its own: nothing asked before it starts, and nothing a
 * channel throws stops it (over HTTP in a running application, on each line:
 * {@code DownstreamHealthIntegrationTests}).
 *
 * @author health-grpc authors
 */
class DownstreamChecksTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final String name = InProcessServerBuilder.generateName();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void start() throws Exception {
		this.registry.setStatus("", ServingStatus.SERVING);
		this.server = InProcessServerBuilder.forName(this.name)
			.addService(new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(this.name).build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.notifier.shutdownNow();
	}

	@Test
	void nothingIsAskedBeforeItStarts() {
		AtomicInteger channels = new AtomicInteger();
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> {
			channels.incrementAndGet();
			return this.channel;
		})), Duration.ofMillis(20))) {
			Latest indicator = latest(downstream);
			assertThat(indicator.get().status()).isEqualTo(Status.UNKNOWN);
			assertThat(channels).hasValue(0);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.get().status() == Status.UP);
			// made once, when the first ask needed it, and not before
			assertThat(channels.get()).isPositive();
			assertThat(downstream.isRunning()).isTrue();
			downstream.stop();
			assertThat(downstream.isRunning()).isFalse();
		}
	}

	@Test
	void anErrorFromTheChannelIsADownAndTheNextPeriodAsksAgain() {
		AtomicInteger asks = new AtomicInteger();
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> {
			if (asks.incrementAndGet() == 1) {
				throw new NoClassDefFoundError("io/grpc/Missing");
			}
			return this.channel;
		})), Duration.ofMillis(20))) {
			Latest indicator = latest(downstream);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.get().status() == Status.UP);
			assertThat(asks.get()).isGreaterThan(1);
		}
	}

	@Test
	void aCheckWithoutAnAnswerByItsDeadlineIsDown() throws Exception {
		String hangingName = InProcessServerBuilder.generateName();
		Server hanging = InProcessServerBuilder.forName(hangingName)
			.addService(new io.grpc.health.v1.HealthGrpc.HealthImplBase() {

				@Override
				public void check(io.grpc.health.v1.HealthCheckRequest request,
						io.grpc.stub.StreamObserver<io.grpc.health.v1.HealthCheckResponse> responseObserver) {
					// never answers
				}

			})
			.build()
			.start();
		ManagedChannel toHanging = InProcessChannelBuilder.forName(hangingName).build();
		try (DownstreamChecks downstream = new DownstreamChecks(
				List.of(new DownstreamTarget("inventory", () -> toHanging, "", Duration.ofMillis(50))),
				Duration.ofMillis(20))) {
			Latest indicator = latest(downstream);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.get().status() == Status.DOWN);
			assertThat(indicator.get().details()).containsEntry("error", "DEADLINE_EXCEEDED")
				.containsEntry("service", "")
				.containsKeys("checkedAt", "durationMs");
		}
		finally {
			toHanging.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			hanging.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aVirtualMachineErrorInACheckDoesNotStopTheSchedule() {
		AtomicInteger asks = new AtomicInteger();
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> {
			if (asks.incrementAndGet() == 1) {
				throw new OutOfMemoryError("test: no channel for you");
			}
			return this.channel;
		})), Duration.ofMillis(20))) {
			Latest indicator = latest(downstream);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.get().status() == Status.UP);
			assertThat(asks.get()).isGreaterThan(1);
		}
	}

	@Test
	void anErrorWhileRecordingAnAnswerDoesNotStopTheChecks() {
		AtomicInteger instants = new AtomicInteger();
		Clock failingOnce = new Clock() {

			@Override
			public Instant instant() {
				if (instants.incrementAndGet() == 1) {
					throw new OutOfMemoryError("test: no instant for you");
				}
				return Instant.EPOCH;
			}

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

		};
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> {
			throw new IllegalStateException("no channel yet");
		}), target("other", () -> this.channel)), Duration.ofMillis(20), failingOnce, System::nanoTime)) {
			downstream.start();
			// the first check's answer could not be recorded; the others, and the next
			// periods, go on
			await().atMost(Duration.ofSeconds(5))
				.until(() -> latest(downstream, "inventory").get().status() == Status.DOWN);
			await().atMost(Duration.ofSeconds(5)).until(() -> latest(downstream, "other").get().status() == Status.UP);
			assertThat(instants.get()).isGreaterThan(2);
		}
	}

	@Test
	void anAnswerOlderThanThreePeriodsAndTheTimeoutIsUnknown() {
		AtomicLong now = new AtomicLong();
		Duration period = Duration.ofMillis(20);
		DownstreamTarget target = target(() -> this.channel);
		Duration staleAfter = DownstreamChecks.staleAfter(period, target);
		assertThat(staleAfter).isEqualTo(Duration.ofMillis(3 * 20 + 1000));
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target), period, Clock.systemUTC(), now::get)) {
			Latest indicator = latest(downstream);
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.get().status() == Status.UP);
			// no more checks: as if the scheduler thread were stuck
			downstream.stop();
			now.addAndGet(staleAfter.toNanos());
			assertThat(indicator.get().status()).isEqualTo(Status.UP);
			now.incrementAndGet();
			DownstreamAnswer stale = indicator.get();
			assertThat(stale.status()).isEqualTo(Status.UNKNOWN);
			assertThat(stale.details()).containsEntry("reason", "no answer for more than 1060 ms")
				.containsEntry("lastStatus", "UP")
				.containsKey("lastCheckedAt");
			// a new answer is fresh again
			downstream.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> indicator.get().status() == Status.UP);
		}
	}

	@Test
	void aNameThatIsNoDownstreamIsRefusedNamingIt() {
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> this.channel)),
				Duration.ofMillis(20))) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> downstream.latest("billing"))
				.withMessage("No downstream named 'billing'");
		}
	}

	@Test
	void aPeriodMustBePositive() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new DownstreamChecks(List.of(target(() -> this.channel)), Duration.ZERO))
			.withMessageContaining("'period' must be positive");
	}

	@Test
	void closeStopsTheChecks() {
		DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> this.channel)), Duration.ofMillis(20));
		downstream.start();
		downstream.close();
		assertThat(downstream.isRunning()).isFalse();
		// and a stopped scheduler is never started again
		downstream.start();
		assertThat(downstream.isRunning()).isFalse();
	}

	@Test
	void checksRunOnADaemonThreadOfTheirOwn() throws Exception {
		java.util.concurrent.BlockingQueue<Thread> askers = new java.util.concurrent.LinkedBlockingQueue<>();
		try (DownstreamChecks downstream = new DownstreamChecks(List.of(target(() -> {
			askers.add(Thread.currentThread());
			return this.channel;
		})), Duration.ofMillis(20))) {
			// a thread inherits the daemon flag of the one that makes it: start from one
			// that is not a daemon
			Thread starter = new Thread(downstream::start);
			starter.setDaemon(false);
			starter.start();
			starter.join(5_000);
			Thread asker = askers.poll(5, TimeUnit.SECONDS);
			assertThat(asker.getName()).isEqualTo("health-grpc-downstream");
			assertThat(asker.isDaemon()).isTrue();
		}
	}

	@Test
	void aCheckAnswersOnceAndSaysHowLongItTook() {
		// the monotonic clock stands still far from 0: the check took no time at all
		DownstreamCheck check = new DownstreamCheck(target(() -> this.channel), Duration.ofSeconds(10),
				Clock.systemUTC(), () -> 5_000_000_000L);
		check.check();
		await().atMost(Duration.ofSeconds(5)).until(() -> check.latest().status() == Status.UP);
		assertThat(check.latest().details()).containsEntry("durationMs", 0L).containsEntry("service", "");
	}

	private DownstreamTarget target(String name, java.util.function.Supplier<Channel> channel) {
		return new DownstreamTarget(name, channel, "", Duration.ofSeconds(1));
	}

	private DownstreamTarget target(java.util.function.Supplier<Channel> channel) {
		return new DownstreamTarget("inventory", channel, "", Duration.ofSeconds(1));
	}

	private static Latest latest(DownstreamChecks downstream, String name) {
		return () -> downstream.latest(name);
	}

	private static Latest latest(DownstreamChecks downstream) {
		assertThat(downstream.names()).containsExactly("inventory");
		return latest(downstream, "inventory");
	}

	@FunctionalInterface
	private interface Latest {

		DownstreamAnswer get();

	}

}
