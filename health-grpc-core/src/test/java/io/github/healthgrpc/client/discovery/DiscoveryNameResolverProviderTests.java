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
package io.github.healthgrpc.client.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.healthgrpc.client.ServiceWatch;
import io.github.healthgrpc.client.lb.WeightedLoadBalancerProvider;
import io.github.healthgrpc.testsupport.CapturedLog;
import io.github.healthgrpc.testsupport.LogCaptureExtension;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DiscoveryNameResolverProvider} and its resolvers.
 *
 * @author health-grpc authors
 */
@ExtendWith(LogCaptureExtension.class)
class DiscoveryNameResolverProviderTests {

	private static final URI TARGET = URI.create("discovery:///orders");

	private final AtomicReference<List<DiscoveredInstance>> listed = new AtomicReference<>(
			List.of(instance("a", 9001, Map.of())));

	private final RecordingWatch watch = new RecordingWatch();

	private final SynchronizationContext syncContext = new SynchronizationContext((thread, ex) -> ex.printStackTrace());

	private DiscoveryNameResolverProvider provider = new DiscoveryNameResolverProvider((service) -> this.listed.get(),
			this.watch, "gRPC_weight");

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void addressesAreResolvedForTheTransportsAndAHostThatDoesNotResolveIsLeftOut() throws Exception {
		// grpc-java's Netty transports fail every call to an unresolved address
		this.listed.set(List.of(instance("a", 9001, Map.of()),
				new DiscoveredInstance("b", "no-such-host.invalid", 9002, Map.of())));
		Recorder recorder = start(TARGET);
		assertThat(recorder.nextResult()).extracting((group) -> (InetSocketAddress) group.getAddresses().get(0))
			.singleElement()
			.satisfies((address) -> {
				assertThat(address.isUnresolved()).isFalse();
				assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
				assertThat(address.getPort()).isEqualTo(9001);
			});
	}

	@Test
	void aTargetResolvesToItsInstancesWithTheirGrpcPortAndWeight() throws Exception {
		this.listed.set(List.of(instance("a", 8080, Map.of("gRPC_port", "9001", "gRPC_weight", "3")),
				instance("b", 9002, Map.of())));
		Recorder recorder = start(TARGET);
		List<EquivalentAddressGroup> groups = recorder.nextResult();
		assertThat(groups).extracting((group) -> ((InetSocketAddress) group.getAddresses().get(0)).getPort())
			.containsExactly(9001, 9002);
		assertThat(groups).extracting((group) -> group.getAttributes().get(WeightedLoadBalancerProvider.WEIGHT))
			.containsExactly(3, WeightedLoadBalancerProvider.DEFAULT_WEIGHT);
	}

	@Test
	void badMetadataIsWarnedAboutOnceAndNeverBreaksTheList(CapturedLog log) throws Exception {
		this.listed.set(List.of(instance("a", 8080, Map.of("gRPC_port", "x".repeat(100))),
				instance("b", 9002, Map.of("gRPC_weight", "-2"))));
		Recorder recorder = start(TARGET);
		assertThat(recorder.nextResult()).singleElement()
			.satisfies((group) -> assertThat(group.getAttributes().get(WeightedLoadBalancerProvider.WEIGHT))
				.isEqualTo(WeightedLoadBalancerProvider.DEFAULT_WEIGHT));
		this.watch.changed("orders");
		this.watch.changed("orders");
		// a new list heard after those reads: they have all finished
		List<DiscoveredInstance> more = new ArrayList<>(this.listed.get());
		more.add(instance("c", 9003, Map.of()));
		this.listed.set(more);
		this.watch.changed("orders");
		assertThat(recorder.nextResult()).hasSize(2);
		assertThat(log.getOut().split("has gRPC_port=", -1)).hasSize(2);
		assertThat(log.getOut()).doesNotContain("x".repeat(33)).contains("it is left out");
		assertThat(log.getOut().split("has gRPC_weight=-2", -1)).hasSize(2);
	}

	@Test
	void noInstanceIsUnavailableAndSoIsAFailingDiscovery() throws Exception {
		this.listed.set(List.of());
		Recorder recorder = start(TARGET);
		assertThat(recorder.nextError().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		this.provider.close();
		this.provider = new DiscoveryNameResolverProvider((service) -> {
			throw new IllegalStateException("agent down");
		}, this.watch, "gRPC_weight");
		Recorder failing = start(TARGET);
		Status status = failing.nextError();
		assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(status.getDescription()).contains("orders");
	}

	@Test
	void aChangeOfTheHealthWatchResolvesAgainAndAnUnchangedListIsNotPassedOn() throws Exception {
		AtomicInteger reads = new AtomicInteger();
		this.provider.close();
		this.provider = new DiscoveryNameResolverProvider((service) -> {
			reads.incrementAndGet();
			return this.listed.get();
		}, this.watch, "gRPC_weight");
		Recorder recorder = start(TARGET);
		assertThat(recorder.nextResult()).hasSize(1);
		this.watch.changed("orders");
		org.awaitility.Awaitility.await().until(() -> reads.get() >= 2);
		this.listed.set(List.of(instance("a", 9001, Map.of()), instance("b", 9002, Map.of())));
		this.watch.changed("orders");
		// the change after an unchanged read is what the channel hears next
		assertThat(recorder.nextResult()).hasSize(2);
		assertThat(recorder.results).hasSize(2);
	}

	@Test
	void aRefreshAskedForDuringAReadIsNeverLost() throws Exception {
		Semaphore reading = new Semaphore(0);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger reads = new AtomicInteger();
		this.provider.close();
		this.provider = new DiscoveryNameResolverProvider((service) -> {
			List<DiscoveredInstance> now = this.listed.get();
			if (reads.incrementAndGet() == 1) {
				reading.release();
				await(release);
			}
			return now;
		}, this.watch, "gRPC_weight");
		Recorder recorder = start(TARGET);
		assertThat(reading.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
		// the first read has the old list in hand when the change comes
		this.listed.set(List.of(instance("b", 9002, Map.of())));
		this.watch.changed("orders");
		this.watch.changed("orders");
		release.countDown();
		assertThat(recorder.nextResult()).extracting((group) -> group.getAddresses().get(0).toString())
			.singleElement()
			.asString()
			.endsWith(":9001");
		assertThat(recorder.nextResult()).extracting((group) -> group.getAddresses().get(0).toString())
			.singleElement()
			.asString()
			.endsWith(":9002");
		// two refreshes during one read made one read more, not two: the next change is
		// the third read
		this.listed.set(List.of(instance("c", 9003, Map.of())));
		this.watch.changed("orders");
		assertThat(recorder.nextResult()).extracting((group) -> group.getAddresses().get(0).toString())
			.singleElement()
			.asString()
			.endsWith(":9003");
		assertThat(reads).hasValue(3);
	}

	@Test
	void theFirstResolverOfAServiceStartsItsWatchAndTheLastStopsIt() throws Exception {
		NameResolver first = this.provider.newNameResolver(TARGET, args());
		NameResolver second = this.provider.newNameResolver(TARGET, args());
		assertThat(this.watch.watched).containsExactly("orders");
		assertThat(this.provider.liveResolvers()).containsEntry("orders", 2);
		first.shutdown();
		first.shutdown();
		assertThat(this.watch.unwatched).isEmpty();
		assertThat(this.provider.liveResolvers()).containsEntry("orders", 1);
		second.shutdown();
		assertThat(this.watch.unwatched).containsExactly("orders");
		assertThat(this.provider.liveResolvers()).isEmpty();
	}

	@Test
	void aHeartbeatResolvesEveryTargetAgain() throws Exception {
		Recorder orders = start(TARGET);
		Recorder payments = start(URI.create("discovery:///payments"));
		orders.nextResult();
		payments.nextResult();
		this.listed.set(List.of(instance("c", 9003, Map.of())));
		this.provider.refreshAll();
		assertThat(orders.nextResult()).hasSize(1);
		assertThat(payments.nextResult()).hasSize(1);
	}

	@Test
	void otherSchemesAreNotItsAndMalformedTargetsAreRefused() {
		assertThat(this.provider.newNameResolver(URI.create("dns:///orders"), args())).isNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.provider.newNameResolver(URI.create("discovery:///"), args()))
			.withMessage("Expected a target of the form discovery:///<service-name>, not 'discovery:///'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.provider.newNameResolver(URI.create("discovery:/"), args()))
			.withMessageContaining("not 'discovery:/'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.provider.newNameResolver(URI.create("discovery:///a/b"), args()));
		assertThat(this.provider.getDefaultScheme()).isEqualTo("discovery");
	}

	@Test
	void theProviderNeedsItsPiecesAndOffersInetAddresses() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DiscoveryNameResolverProvider(null, this.watch, "gRPC_weight"))
			.withMessageContaining("instances");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DiscoveryNameResolverProvider((service) -> List.of(), null, "gRPC_weight"))
			.withMessageContaining("watch");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DiscoveryNameResolverProvider((service) -> List.of(), this.watch, " "))
			.withMessageContaining("weightKey");
		assertThat(this.provider.isAvailable()).isTrue();
		assertThat(this.provider.priority()).isEqualTo(DiscoveryNameResolverProvider.PRIORITY).isEqualTo(4);
		assertThat(this.provider.getProducedSocketAddressTypes()).containsExactly(InetSocketAddress.class);
	}

	@Test
	void aResolverNamesItsServiceAndReadsAgainWhenTheChannelAsks() throws Exception {
		NameResolver resolver = this.provider.newNameResolver(TARGET, args());
		assertThat(resolver.getServiceAuthority()).isEqualTo("orders");
		assertThat(resolver).hasToString("DiscoveryNameResolver[orders]");
		Recorder recorder = new Recorder();
		this.syncContext.execute(() -> resolver.start(recorder));
		assertThat(recorder.nextResult()).hasSize(1);
		this.listed.set(List.of(instance("a", 9001, Map.of()), instance("b", 9002, Map.of())));
		this.syncContext.execute(resolver::refresh);
		assertThat(recorder.nextResult()).hasSize(2);
	}

	@Test
	void readsRunOnDaemonThreadsOfTheirOwn() throws Exception {
		BlockingQueue<Thread> readers = new LinkedBlockingQueue<>();
		this.provider.close();
		this.provider = new DiscoveryNameResolverProvider((service) -> {
			readers.add(Thread.currentThread());
			return this.listed.get();
		}, this.watch, "gRPC_weight");
		// a thread inherits the daemon flag of the one that makes it: start from one that
		// is not a daemon
		Thread starter = new Thread(() -> start(TARGET));
		starter.setDaemon(false);
		starter.start();
		starter.join(5_000);
		Thread reader = readers.poll(5, TimeUnit.SECONDS);
		assertThat(reader.getName()).isEqualTo("health-grpc-discovery");
		assertThat(reader.isDaemon()).isTrue();
	}

	@Test
	void closeStopsEveryWatchAndAResolverStartedAfterItFails() throws Exception {
		start(TARGET).nextResult();
		start(URI.create("discovery:///payments")).nextResult();
		this.provider.close();
		assertThat(this.watch.unwatched).containsExactlyInAnyOrder("orders", "payments");
		assertThat(this.provider.liveResolvers()).isEmpty();
		// its reading threads are gone: nothing can list the instances any more
		Status status = start(TARGET).nextError();
		assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(status.getDescription()).startsWith("Could not list the instances of 'orders'");
	}

	private Recorder start(URI target) {
		NameResolver resolver = this.provider.newNameResolver(target, args());
		Recorder recorder = new Recorder();
		this.syncContext.execute(() -> resolver.start(recorder));
		return recorder;
	}

	private NameResolver.Args args() {
		return NameResolver.Args.newBuilder()
			.setDefaultPort(443)
			.setProxyDetector((address) -> null)
			.setSynchronizationContext(this.syncContext)
			.setServiceConfigParser(new NameResolver.ServiceConfigParser() {

				@Override
				public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> rawServiceConfig) {
					return NameResolver.ConfigOrError.fromConfig(rawServiceConfig);
				}

			})
			.build();
	}

	private static DiscoveredInstance instance(String id, int port, Map<String, String> metadata) {
		return new DiscoveredInstance(id, "127.0.0.1", port, metadata);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the channel hears.
	 */
	private static final class Recorder extends NameResolver.Listener2 {

		private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();

		private final List<List<EquivalentAddressGroup>> results = new CopyOnWriteArrayList<>();

		@Override
		public void onResult(NameResolver.ResolutionResult result) {
			onResult2(result);
		}

		@Override
		public Status onResult2(NameResolver.ResolutionResult result) {
			List<EquivalentAddressGroup> groups = result.getAddressesOrError().getValue();
			this.results.add(groups);
			this.heard.add(groups);
			return Status.OK;
		}

		@Override
		public void onError(Status error) {
			this.heard.add(error);
		}

		@SuppressWarnings("unchecked")
		List<EquivalentAddressGroup> nextResult() throws InterruptedException {
			Object next = this.heard.poll(5, TimeUnit.SECONDS);
			assertThat(next).isInstanceOf(List.class);
			return (List<EquivalentAddressGroup>) next;
		}

		Status nextError() throws InterruptedException {
			Object next = this.heard.poll(5, TimeUnit.SECONDS);
			assertThat(next).isInstanceOf(Status.class);
			return (Status) next;
		}

	}

	private static final class RecordingWatch implements ServiceWatch {

		private final List<String> watched = new CopyOnWriteArrayList<>();

		private final List<String> unwatched = new CopyOnWriteArrayList<>();

		private final Map<String, Runnable> callbacks = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void watch(String service, Runnable onChange) {
			this.watched.add(service);
			this.callbacks.putIfAbsent(service, onChange);
		}

		@Override
		public void unwatch(String service) {
			this.unwatched.add(service);
			this.callbacks.remove(service);
		}

		void changed(String service) {
			this.callbacks.get(service).run();
		}

	}

}
