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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The {@code grpc.health.status} gauges, read from a {@link SimpleMeterRegistry}: one per
 * status, following it, there while the service has a status.
 *
 * @author health-grpc authors
 */
class HealthStatusMetricsTests {

	private final ExecutorService notifier = Executors.newSingleThreadExecutor();

	private final HealthStatusRegistry registry = new HealthStatusRegistry(this.notifier, true);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final HealthStatusMetrics metrics = new HealthStatusMetrics(this.registry);

	@AfterEach
	void stop() {
		this.metrics.close();
		this.notifier.shutdownNow();
	}

	@Test
	void aGaugeFollowsItsServiceThroughAFlip() {
		this.registry.setStatus("", ServingStatus.SERVING);
		this.registry.setEvaluatedStatus("orders.v1.Orders", ServingStatus.NOT_SERVING);
		this.metrics.bindTo(this.meters);
		assertThat(value("")).isEqualTo(1.0);
		assertThat(value("orders.v1.Orders")).isEqualTo(0.0);
		this.registry.setEvaluatedStatus("orders.v1.Orders", ServingStatus.SERVING);
		assertThat(value("orders.v1.Orders")).isEqualTo(1.0);
		this.registry.setStatus("", ServingStatus.NOT_SERVING);
		assertThat(value("")).isEqualTo(0.0);
		this.registry.setStatus("", ServingStatus.UNKNOWN);
		assertThat(value("")).isEqualTo(0.0);
		// a registry that stops accepting traffic turns every gauge 0
		this.registry.setStatus("", ServingStatus.SERVING);
		this.registry.setAcceptingTraffic(false);
		assertThat(value("")).isEqualTo(0.0);
		assertThat(value("orders.v1.Orders")).isEqualTo(0.0);
	}

	@Test
	void gaugesComeAndGoWithTheirServices() {
		this.metrics.bindTo(this.meters);
		assertThat(this.meters.find(HealthStatusMetrics.METRIC).gauges()).isEmpty();
		this.registry.setEvaluatedStatus("mail.v1.Mail", ServingStatus.SERVING);
		await().until(() -> gauge("mail.v1.Mail") != null);
		assertThat(value("mail.v1.Mail")).isEqualTo(1.0);
		this.registry.removeEvaluatedStatus("mail.v1.Mail");
		await().until(() -> gauge("mail.v1.Mail") == null);
		// a service that comes back gets a gauge again
		this.registry.setStatus("mail.v1.Mail", ServingStatus.NOT_SERVING);
		await().until(() -> gauge("mail.v1.Mail") != null);
		assertThat(value("mail.v1.Mail")).isEqualTo(0.0);
		assertThat(this.meters.find(HealthStatusMetrics.METRIC).gauges()).hasSize(1);
	}

	@Test
	void closedItRemovesItsGaugesAndFollowsNoMore() {
		this.registry.setStatus("a", ServingStatus.SERVING);
		this.metrics.bindTo(this.meters);
		assertThat(gauge("a")).isNotNull();
		this.metrics.close();
		assertThat(this.meters.find(HealthStatusMetrics.METRIC).gauges()).isEmpty();
		assertThat(this.registry.getListenerCount()).isZero();
		// a fan-out that was under way when it closed may still tell it of a change
		this.metrics.statusChanged("a");
		assertThat(this.meters.find(HealthStatusMetrics.METRIC).gauges()).isEmpty();
	}

	@Test
	void itBindsToOneMeterRegistry() {
		this.metrics.bindTo(this.meters);
		assertThatIllegalStateException().isThrownBy(() -> this.metrics.bindTo(new SimpleMeterRegistry()));
	}

	private Gauge gauge(String service) {
		return this.meters.find(HealthStatusMetrics.METRIC).tag("service", service).gauge();
	}

	private double value(String service) {
		Gauge gauge = gauge(service);
		assertThat(gauge).as("gauge of '%s'", service).isNotNull();
		return gauge.value();
	}

}
