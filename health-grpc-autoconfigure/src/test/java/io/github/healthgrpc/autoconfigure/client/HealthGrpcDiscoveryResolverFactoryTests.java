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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.healthgrpc.client.ServiceWatch;
import io.grpc.NameResolver;
import io.grpc.SynchronizationContext;
import io.grpc.internal.GrpcUtil;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void otherSchemesAreNotOursAndBadTargetsAreRefused() {
		assertThat(this.factory.newNameResolver(URI.create("dns:///shop"), args())).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> resolve("discovery:///"));
		assertThat(this.events).isEmpty();
	}

	private NameResolver resolve(String target) {
		return this.factory.newNameResolver(URI.create(target), args());
	}

	private static NameResolver.Args args() {
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
			.setOffloadExecutor(Runnable::run)
			.build();
	}

}
