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

package io.github.healthgrpc.autoconfigure.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.healthgrpc.client.ServiceWatch;
import io.grpc.ChannelLogger;
import io.grpc.NameResolver;
import io.grpc.SynchronizationContext;
import io.grpc.internal.GrpcUtil;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * How the {@code discovery:///} resolver factory follows a {@link ServiceWatch}: one
 * watch per service however many channels resolve it, stopped when the last one shuts
 * down.
 *
 * @author health-grpc authors
 */
class HealthGrpcDiscoveryResolverFactoryTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final HealthGrpcDiscoveryResolverFactory factory = new HealthGrpcDiscoveryResolverFactory(
			new SimpleDiscoveryClient(new SimpleDiscoveryProperties()), new ServiceWatch() {

				@Override
				public void watch(String service, Runnable onChange) {
					HealthGrpcDiscoveryResolverFactoryTests.this.events.add("watch " + service);
				}

				@Override
				public void unwatch(String service) {
					HealthGrpcDiscoveryResolverFactoryTests.this.events.add("unwatch " + service);
				}

			}, "gRPC_weight");

	@Test
	void oneWatchPerServiceUntilTheLastChannelShutsDown() {
		NameResolver first = resolve("discovery:///shop");
		NameResolver second = resolve("discovery:///shop");
		NameResolver other = resolve("discovery:///cart");
		assertThat(this.events).containsExactly("watch shop", "watch cart");
		first.shutdown();
		assertThat(this.events).containsExactly("watch shop", "watch cart");
		second.shutdown();
		other.shutdown();
		assertThat(this.events).containsExactly("watch shop", "watch cart", "unwatch shop", "unwatch cart");
		// a new channel starts a new watch
		resolve("discovery:///shop").shutdown();
		assertThat(this.events).endsWith("watch shop", "unwatch shop");
	}

	@Test
	void aRetryThatFiresAfterShutdownIsIgnored() {
		NameResolver resolver = resolve("discovery:///shop");
		resolver.shutdown();
		// grpc-java's retry timer, firing late: net.devh's resolver would throw
		assertThatNoException().isThrownBy(resolver::refresh);
	}

	@Test
	void otherSchemesAreNotOursAndBadTargetsAreRefused() {
		assertThat(this.factory.newNameResolver(URI.create("dns:///shop"), args())).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> resolve("discovery:///"));
		assertThat(this.events).isEmpty();
	}

	@Test
	void aChangeDuringAResolveSlowerThanHalfASecondIsNotLost() throws Exception {
		List<ServiceInstance> instances = new CopyOnWriteArrayList<>(List.of(instance("a")));
		CountDownLatch reading = new CountDownLatch(1);
		AtomicReference<Runnable> onChange = new AtomicReference<>();
		DiscoveryClient slowConsul = new DiscoveryClient() {

			@Override
			public String description() {
				return "a Consul that answers in a second";
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				List<ServiceInstance> answer = List.copyOf(instances);
				reading.countDown();
				// the agent's latency: the answer is what it read before
				try {
					TimeUnit.MILLISECONDS.sleep(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return answer;
			}

			@Override
			public List<String> getServices() {
				return List.of("shop");
			}

		};
		HealthGrpcDiscoveryResolverFactory factory = new HealthGrpcDiscoveryResolverFactory(slowConsul,
				new ServiceWatch() {

					@Override
					public void watch(String service, Runnable callback) {
						onChange.set(callback);
					}

					@Override
					public void unwatch(String service) {
					}

				}, "gRPC_weight");
		ExecutorService offload = Executors.newCachedThreadPool();
		List<Integer> results = new CopyOnWriteArrayList<>();
		NameResolver resolver = factory.newNameResolver(URI.create("discovery:///shop"), args(offload));
		try {
			resolver.start(new NameResolver.Listener2() {

				@Override
				public void onResult(NameResolver.ResolutionResult result) {
					results.add(result.getAddresses().size());
				}

				@Override
				public void onError(io.grpc.Status error) {
				}

			});
			assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
			// an instance registers while the first resolve waits for its answer
			instances.add(instance("b"));
			onChange.get().run();
			await().atMost(Duration.ofSeconds(10)).until(() -> results.contains(2));
			assertThat(results).containsExactly(1, 2);
		}
		finally {
			resolver.shutdown();
			offload.shutdownNow();
		}
	}

	private static ServiceInstance instance(String name) {
		return new DefaultServiceInstance(name, "shop", "10.0.0." + (name.charAt(0) - 'a' + 1), 9090, false,
				Map.of("gRPC_port", "9090"));
	}

	private NameResolver resolve(String target) {
		return this.factory.newNameResolver(URI.create(target), args());
	}

	private static NameResolver.Args args() {
		return args(Runnable::run);
	}

	private static NameResolver.Args args(Executor offload) {
		return NameResolver.Args.newBuilder()
			.setDefaultPort(443)
			.setProxyDetector(GrpcUtil.NOOP_PROXY_DETECTOR)
			.setSynchronizationContext(new SynchronizationContext((thread, ex) -> {
				throw new AssertionError(ex);
			}))
			.setServiceConfigParser(new NameResolver.ServiceConfigParser() {

				@Override
				public NameResolver.ConfigOrError parseServiceConfig(java.util.Map<String, ?> rawServiceConfig) {
					return NameResolver.ConfigOrError.fromConfig(rawServiceConfig);
				}

			})
			.setOffloadExecutor(offload)
			// all a channel gives its resolver
			.setScheduledExecutorService(mock(ScheduledExecutorService.class))
			.setChannelLogger(new ChannelLogger() {

				@Override
				public void log(ChannelLogLevel level, String message) {
				}

				@Override
				public void log(ChannelLogLevel level, String messageFormat, Object... args) {
				}

			})
			.build();
	}

}
