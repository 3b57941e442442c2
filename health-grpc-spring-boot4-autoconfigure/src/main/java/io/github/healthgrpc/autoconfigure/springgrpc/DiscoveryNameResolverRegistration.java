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

package io.github.healthgrpc.autoconfigure.springgrpc;

import io.github.healthgrpc.client.discovery.DiscoveryNameResolverProvider;
import io.grpc.ManagedChannelBuilder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.HeartbeatMonitor;
import org.springframework.context.ApplicationListener;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;

/**
 * Puts the {@code discovery:///} resolver into grpc-java's default name resolver registry
 * (through {@link DiscoveryResolverSwitch}) while the application runs (as net.devh does
 * for its own on the Spring Boot 3.5 line), and takes it out when the application closes.
 * A discovery heartbeat whose value changed (Spring Cloud Consul's catalog watch)
 * resolves every target again, as net.devh's resolver does.
 *
 * <p>
 * It is a (no-op) channel builder customizer so that Spring Boot's channel factories,
 * which take every customizer bean, exist only once the resolver is registered: a client
 * stub created early still finds it.
 *
 * @param <T> the channel builder type
 * @author health-grpc authors
 */
final class DiscoveryNameResolverRegistration<T extends ManagedChannelBuilder<T>>
		implements GrpcChannelBuilderCustomizer<T>, ApplicationListener<HeartbeatEvent>, DisposableBean {

	private final DiscoveryNameResolverProvider provider;

	private final HeartbeatMonitor monitor = new HeartbeatMonitor();

	DiscoveryNameResolverRegistration(DiscoveryNameResolverProvider provider) {
		this.provider = provider;
		// at creation, before any channel of the application resolves a target
		DiscoveryResolverSwitch.INSTANCE.add(provider);
	}

	@Override
	public void customize(String target, T builder) {
		// the registration is done: the default registry serves every channel
	}

	@Override
	public void onApplicationEvent(HeartbeatEvent event) {
		boolean changed;
		synchronized (this.monitor) {
			changed = this.monitor.update(event.getValue());
		}
		if (changed) {
			this.provider.refreshAll();
		}
	}

	@Override
	public void destroy() {
		DiscoveryResolverSwitch.INSTANCE.remove(this.provider);
	}

}
