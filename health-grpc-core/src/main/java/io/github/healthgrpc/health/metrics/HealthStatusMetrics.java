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

package io.github.healthgrpc.health.metrics;

import java.util.HashMap;
import java.util.Map;

import io.github.healthgrpc.health.HealthStatusListener;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * A Micrometer gauge per health service status: {@value #METRIC}, tagged with the service
 * name ({@code service}, {@code ""} for the overall status), 1 while the service is
 * SERVING and 0 otherwise. A gauge is registered when its service gets a status and
 * removed when it has none any more.
 *
 * <p>
 * Nothing here runs on the request path: gauges come and go on the registry's notifier
 * thread, and a gauge reads the registry's map when the meter registry asks for its
 * value.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class HealthStatusMetrics implements MeterBinder, HealthStatusListener, AutoCloseable {

	/**
	 * The gauge's name.
	 */
	public static final String METRIC = "grpc.health.status";

	private final HealthStatusRegistry registry;

	// guarded by this
	private final Map<String, Gauge> gauges = new HashMap<>();

	// guarded by this
	private MeterRegistry meters;

	// guarded by this: a fan-out under way when the listener is removed may still call it
	private boolean closed;

	/**
	 * Create gauges of a registry's statuses; there are none until it is bound to a meter
	 * registry.
	 * @param registry the statuses
	 */
	public HealthStatusMetrics(HealthStatusRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		synchronized (this) {
			Assert.state(this.meters == null, "Already bound to a meter registry");
			this.meters = meters;
		}
		// listen first: a service that comes or goes meanwhile is then told to us again
		this.registry.addListener(this);
		this.registry.snapshot().keySet().forEach(this::statusChanged);
	}

	@Override
	public synchronized void statusChanged(String service) {
		if (this.meters == null || this.closed) {
			return;
		}
		// read under the lock: what the registry says last is what stays
		boolean known = this.registry.getStatus(service) != null;
		Gauge gauge = this.gauges.get(service);
		if (known && gauge == null) {
			this.gauges.put(service,
					Gauge.builder(METRIC, this.registry, (statuses) -> value(statuses.getStatus(service)))
						.tag("service", service)
						.description("Whether the gRPC health service is SERVING (1) or not (0)")
						.strongReference(true)
						.register(this.meters));
		}
		else if (!known && gauge != null) {
			this.meters.remove(this.gauges.remove(service));
		}
	}

	/**
	 * Stop following the registry, and remove every gauge.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		this.registry.removeListener(this);
		if (this.meters != null) {
			this.gauges.values().forEach(this.meters::remove);
		}
		this.gauges.clear();
	}

	private static double value(ServingStatus status) {
		return (status == ServingStatus.SERVING) ? 1 : 0;
	}

}
