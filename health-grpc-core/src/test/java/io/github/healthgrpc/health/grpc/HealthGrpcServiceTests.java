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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthListRequest;
import io.github.healthgrpc.health.v1.HealthListResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.healthgrpc.testsupport.CapturedLog;
import io.github.healthgrpc.testsupport.LogCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HealthGrpcService} over the in-process transport, called with
 * grpc-java's stock {@code io.grpc.health.v1} stubs (List with ours: the stock ones have
 * none).
 *
 * @author health-grpc authors
 */
@ExtendWith(LogCaptureExtension.class)
class HealthGrpcServiceTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private ManagedChannel channel;

	private HealthGrpcService service;

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.notifier.shutdownNow();
	}

	@Test
	void checkAnswersTheStatusOfAKnownService() {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("a.Svc", ServingStatus.NOT_SERVING);
		assertThat(check("").getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(check("a.Svc").getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	@Test
	void checkAnswersNotFoundForAnUnknownService() {
		start(HealthServiceLimits.DEFAULTS);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check("nope"))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).isEqualTo("unknown service nope"));
	}

	@Test
	void checkNeverEchoesMoreThanAPrefixOfAHugeName() {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		String huge = "y".repeat(1024 * 1024);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(huge)).satisfies((ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
			assertThat(ex.getStatus().getDescription()).hasSizeLessThan(120).endsWith("(1048576 characters)");
		});
		assertThat(check("").getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void watchSendsTheCurrentStatusThenEveryChange() throws InterruptedException {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("a.Svc", ServingStatus.SERVING);
		Recorder recorder = watch("a.Svc");
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.registry.setStatus("a.Svc", ServingStatus.NOT_SERVING);
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		this.registry.clearStatus("a.Svc");
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void watchOfAnUnknownServiceStaysOpenUntilItBecomesKnown() throws InterruptedException {
		start(HealthServiceLimits.DEFAULTS);
		Recorder recorder = watch("later.Svc");
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		this.registry.setStatus("later.Svc", ServingStatus.SERVING);
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.registry.clearStatus("later.Svc");
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		assertThat(recorder.completed).isFalse();
	}

	@Test
	void watchOfAHugeNameAnswersServiceUnknownWithoutKeepingTheName() throws InterruptedException {
		start(HealthServiceLimits.DEFAULTS);
		Recorder recorder = watch("z".repeat(1024 * 1024));
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		// it hears only the close, under no name
		assertThat(this.registry.getListenerCount()).isOne();
		assertThat(this.registry.snapshot()).isEmpty();
		assertThat(this.service.getWatchStreamCount()).isOne();
	}

	@Test
	void watchStreamsCompleteCleanlyWhenTheRegistryCloses() throws Exception {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		Recorder recorder = watch("");
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.registry.enterTerminalState();
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		await().until(() -> recorder.completed);
		assertThat(recorder.error).isNull();
		assertThat(this.service.getWatchStreamCount()).isZero();
		Recorder late = watch("");
		assertThat(late.next()).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		await().until(() -> late.completed);
	}

	@Test
	void closingCompletesAWatchStreamWhoseClientDoesNotRead() throws Exception {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		Recorder slow = watch("", false);
		// its only request is used up: the transport is not ready for this stream any
		// more
		assertThat(slow.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		this.registry.enterTerminalState();
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		// completed on the server, not merely told: nothing is left to hold its shutdown
		assertThat(this.service.getWatchStreamCount()).isZero();
		slow.call.request(5);
		assertThat(slow.next()).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.completed);
		assertThat(slow.error).isNull();
	}

	@Test
	void closingCompletesAWatchStreamOfANameTooLongToEverBeKnown() throws Exception {
		start(HealthServiceLimits.DEFAULTS);
		Recorder huge = watch("z".repeat(1024 * 1024));
		assertThat(huge.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		this.registry.closeListeners().get(5, TimeUnit.SECONDS);
		assertThat(this.service.getWatchStreamCount()).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> huge.completed);
		assertThat(huge.error).isNull();
	}

	@Test
	void watchBeyondTheMaximumIsResourceExhaustedUntilAStreamEnds() throws InterruptedException {
		start(new HealthServiceLimits(true, 100, 2));
		Recorder first = watch("");
		watch("");
		Recorder third = watch("");
		await().until(() -> third.error != null);
		assertThat(Status.fromThrowable(third.error).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		first.call.cancel("done", null);
		await().until(() -> this.service.getWatchStreamCount() == 1);
		Recorder fourth = watch("");
		assertThat(fourth.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		assertThat(this.registry.getListenerCount()).isEqualTo(2);
	}

	@Test
	void refusedWatchStreamsAreLoggedOnceAMinuteWithTheirCount(CapturedLog output) throws Exception {
		AtomicLong now = new AtomicLong();
		start(new HealthServiceLimits(true, 100, 1), now::get);
		watch("");
		for (int i = 0; i < 3; i++) {
			Recorder refused = watch("");
			await().atMost(Duration.ofSeconds(5)).until(() -> refused.error != null);
		}
		assertThat(warnings(output)).containsExactly("Refused 1 gRPC health Watch stream(s)");
		now.addAndGet(Duration.ofSeconds(59).toNanos());
		Recorder early = watch("");
		await().atMost(Duration.ofSeconds(5)).until(() -> early.error != null);
		assertThat(warnings(output)).hasSize(1);
		now.addAndGet(Duration.ofSeconds(2).toNanos());
		Recorder late = watch("");
		await().atMost(Duration.ofSeconds(5)).until(() -> late.error != null);
		// the two held back since the first warning, and this one
		assertThat(warnings(output)).containsExactly("Refused 1 gRPC health Watch stream(s)",
				"Refused 4 gRPC health Watch stream(s)");
		assertThat(output.getOut()).contains("1 streams are open, the maximum (health-grpc.health.watch.max-streams)");
	}

	@Test
	void rejectsWhatCanNeverBeRight() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthGrpcService(null, HealthServiceLimits.DEFAULTS));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthGrpcService(this.registry, null));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthServiceLimits(true, 0, 1));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthServiceLimits(true, 1, 0));
	}

	@Test
	void listAtExactlyTheMaximumAnswers() {
		start(new HealthServiceLimits(true, 2, 10));
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("a", ServingStatus.SERVING);
		assertThat(list().getStatusesMap()).containsOnlyKeys("", "a");
	}

	@Test
	void aNameOf64CharactersIsEchoedWholeAndALongerOneCut() {
		start(HealthServiceLimits.DEFAULTS);
		String exact = "e".repeat(HealthResponses.ECHOED_NAME_LENGTH);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(exact))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).isEqualTo("unknown service " + exact));
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(exact + "f"))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription())
				.isEqualTo("unknown service " + exact + "... (65 characters)"));
	}

	@Test
	void aWatchOfTheLongestPossibleNameHearsItsStatus() throws InterruptedException {
		start(HealthServiceLimits.DEFAULTS);
		String longest = "w".repeat(HealthStatusRegistry.MAX_SERVICE_NAME_LENGTH);
		Recorder recorder = watch(longest);
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		this.registry.setStatus(longest, ServingStatus.SERVING);
		assertThat(recorder.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void aCancelledWatchOfAHugeNameLeavesNothingBehind() throws InterruptedException {
		start(HealthServiceLimits.DEFAULTS);
		Recorder huge = watch("c".repeat(1024 * 1024));
		assertThat(huge.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN);
		assertThat(this.registry.getListenerCount()).isOne();
		huge.call.cancel("done", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.getWatchStreamCount() == 0);
		assertThat(this.registry.getListenerCount()).isZero();
	}

	private static List<String> warnings(CapturedLog output) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains("WARN") && line.contains("Refused"))
			.map((line) -> line.substring(line.indexOf("Refused"), line.indexOf(" with RESOURCE_EXHAUSTED")))
			.toList();
	}

	@Test
	void aWatcherThatDoesNotReadIsSkippedAndLaterGetsOnlyTheLatestStatus() throws InterruptedException {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("s", ServingStatus.SERVING);
		Recorder slow = watch("s", false);
		Recorder fast = watch("s");
		assertThat(slow.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(fast.next()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		for (int i = 0; i < 20; i++) {
			ServingStatus status = (i % 2 == 0) ? ServingStatus.NOT_SERVING : ServingStatus.SERVING;
			this.registry.setStatus("s", status);
			assertThat(fast.next()).isEqualTo(HealthCheckResponse.ServingStatus.valueOf(status.name()));
		}
		this.registry.setStatus("s", ServingStatus.UNKNOWN);
		assertThat(fast.next()).isEqualTo(HealthCheckResponse.ServingStatus.UNKNOWN);
		assertThat(slow.received).isEmpty();
		slow.call.request(5);
		assertThat(slow.next()).isEqualTo(HealthCheckResponse.ServingStatus.UNKNOWN);
		assertThat(slow.received.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void manyConcurrentWatchersAllEndOnTheLatestStatus() {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		List<Recorder> watchers = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			watchers.add(watch(""));
		}
		for (int i = 0; i < 50; i++) {
			this.registry.setStatus("", (i % 2 == 0) ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
		}
		this.registry.setStatus("", ServingStatus.UNKNOWN);
		await().until(() -> watchers.stream().allMatch((w) -> w.last == HealthCheckResponse.ServingStatus.UNKNOWN));
	}

	@Test
	void listReturnsEveryStatusIncludingOverall() {
		start(HealthServiceLimits.DEFAULTS);
		this.registry.setEvaluatedStatus("", ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("a.Svc", ServingStatus.NOT_SERVING);
		HealthListResponse response = list();
		assertThat(response.getStatusesMap()).containsOnlyKeys("", "a.Svc");
		assertThat(response.getStatusesMap().get("a.Svc").getStatus())
			.isEqualTo(io.github.healthgrpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
	}

	@Test
	void listAboveTheMaximumIsResourceExhausted() {
		start(new HealthServiceLimits(true, 2, 10));
		for (String name : List.of("", "a", "b")) {
			this.registry.setEvaluatedStatus(name, ServingStatus.SERVING);
		}
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(this::list)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).endsWith("maximum capacity: 2"));
	}

	@Test
	void listCanBeTurnedOff() {
		start(new HealthServiceLimits(false, 100, 10));
		this.registry.setEvaluatedStatus("secret.Svc", ServingStatus.SERVING);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(this::list)
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED))
			.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).doesNotContain("secret"));
	}

	private void start(HealthServiceLimits limits) {
		start(limits, System::nanoTime);
	}

	private void start(HealthServiceLimits limits, java.util.function.LongSupplier clock) {
		this.service = new HealthGrpcService(this.registry, limits, clock);
		String name = InProcessServerBuilder.generateName();
		try {
			Server server = InProcessServerBuilder.forName(name)
				.directExecutor()
				.addService(this.service)
				.build()
				.start();
			this.closeables.add(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		this.closeables.add(0, () -> this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
	}

	private HealthCheckResponse check(String service) {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build());
	}

	private HealthListResponse list() {
		return io.github.healthgrpc.health.v1.HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.list(HealthListRequest.getDefaultInstance());
	}

	private Recorder watch(String service) {
		return watch(service, true);
	}

	private Recorder watch(String service, boolean autoRead) {
		Recorder recorder = new Recorder(autoRead);
		HealthGrpc.newStub(this.channel).watch(HealthCheckRequest.newBuilder().setService(service).build(), recorder);
		return recorder;
	}

	/**
	 * Records what one Watch call receives.
	 */
	static final class Recorder implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {

		final BlockingQueue<HealthCheckResponse.ServingStatus> received = new LinkedBlockingQueue<>();

		private final boolean autoRead;

		volatile ClientCallStreamObserver<HealthCheckRequest> call;

		volatile HealthCheckResponse.ServingStatus last;

		volatile boolean completed;

		volatile Throwable error;

		Recorder(boolean autoRead) {
			this.autoRead = autoRead;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
			this.call = requestStream;
			if (!this.autoRead) {
				requestStream.disableAutoRequestWithInitial(1);
			}
		}

		HealthCheckResponse.ServingStatus next() throws InterruptedException {
			HealthCheckResponse.ServingStatus status = this.received.poll(5, TimeUnit.SECONDS);
			assertThat(status).as("a Watch message within 5 s").isNotNull();
			return status;
		}

		@Override
		public void onNext(HealthCheckResponse value) {
			this.last = value.getStatus();
			this.received.add(value.getStatus());
		}

		@Override
		public void onError(Throwable t) {
			this.error = t;
		}

		@Override
		public void onCompleted() {
			this.completed = true;
		}

	}

}
