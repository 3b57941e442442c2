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

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.client.downstream.DownstreamChecks;
import io.github.healthgrpc.client.actuate.SeparateHealthGroup;
import net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import net.devh.boot.grpc.client.autoconfigure.GrpcDiscoveryClientAutoConfiguration;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientResolverFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client auto-configurations, each condition both ways, and the startup errors of bad
 * client settings.
 *
 * @author health-grpc authors
 */
@ExtendWith(OutputCaptureExtension.class)
class HealthGrpcClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(UtilAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
					SimpleDiscoveryClientAutoConfiguration.class, GrpcClientAutoConfiguration.class,
					GrpcDiscoveryClientAutoConfiguration.class, HealthGrpcAutoConfiguration.class,
					HealthGrpcClientChannelsAutoConfiguration.class, HealthGrpcClientDiscoveryAutoConfiguration.class));

	@Test
	void byDefaultChannelsStubsAndDiscoveryAreExtended() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ChannelServiceConfigConfigurer.class)
				.hasSingleBean(BlockingV2StubFactory.class)
				.doesNotHaveBean(DownstreamChecks.class);
			assertThat(context.getBean(DiscoveryClientResolverFactory.class))
				.isInstanceOf(HealthGrpcDiscoveryResolverFactory.class);
		});
	}

	@Test
	void offWhenSwitchedOff() {
		this.runner
			.withPropertyValues("health-grpc.enabled=false",
					"health-grpc.client.channels.backends.health-indicator.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(ChannelServiceConfigConfigurer.class)
					.doesNotHaveBean(BlockingV2StubFactory.class)
					.doesNotHaveBean(DownstreamChecks.class);
				// net.devh's own resolver factory is back
				assertThat(context.getBean(DiscoveryClientResolverFactory.class))
					.isNotInstanceOf(HealthGrpcDiscoveryResolverFactory.class);
			});
	}

	@Test
	void offWithoutNetDevhsClientOrADiscoveryClient() {
		this.runner.withClassLoader(new FilteredClassLoader(GrpcChannelConfigurer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ChannelServiceConfigConfigurer.class)
				.doesNotHaveBean(BlockingV2StubFactory.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GrpcClientAutoConfiguration.class,
					GrpcDiscoveryClientAutoConfiguration.class, HealthGrpcAutoConfiguration.class,
					HealthGrpcClientChannelsAutoConfiguration.class, HealthGrpcClientDiscoveryAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ChannelServiceConfigConfigurer.class)
				.doesNotHaveBean(DiscoveryClientResolverFactory.class));
	}

	@Test
	void theDownstreamContributorOnlyWhenAChannelAsksForItAndActuatorIsThere() {
		ApplicationContextRunner asked = this.runner
			.withPropertyValues("health-grpc.client.channels.backends.health-indicator.enabled=true");
		asked.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(DownstreamChecks.class)
			.hasBean("grpcDownstreamHealthContributor"));
		asked.withPropertyValues("management.health.grpc-downstream.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DownstreamChecks.class)
				.doesNotHaveBean("grpcDownstreamHealthContributor"));
		asked.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownstreamChecks.class));
		asked.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownstreamChecks.class));
		asked.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.autoconfigure"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownstreamChecks.class));
		this.runner.withPropertyValues("health-grpc.client.channels.backends.retry.methods=*")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DownstreamChecks.class));
	}

	@Test
	void downstreamContributorsLeaveTheRootGroupUnlessTheyCountInIt() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SeparateHealthGroup.class));
		this.runner.withPropertyValues("health-grpc.client.health-indicator.counts-in-root-status=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SeparateHealthGroup.class));
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SeparateHealthGroup.class));
	}

	@Test
	void theApplicationsOwnResolverFactoryWins() {
		this.runner
			.withBean("myResolverFactory", DiscoveryClientResolverFactory.class,
					() -> new DiscoveryClientResolverFactory(
							new org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient(
									new org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties())))
			.run((context) -> assertThat(context).doesNotHaveBean(HealthGrpcDiscoveryResolverFactory.class)
				.getBean(DiscoveryClientResolverFactory.class)
				.isSameAs(context.getBean("myResolverFactory")));
	}

	@Test
	void badSettingsFailAtStartupNamingTheProperty() {
		String channel = "health-grpc.client.channels.backends.";
		// Boot names a map entry's field channels[backends].retry.max-attempts
		String[][] cases = { { channel + "retry.max-attempts=1", "channels[backends].retry.max-attempts" },
				{ channel + "retry.max-attempts=6", "channels[backends].retry.max-attempts" },
				{ channel + "retry.methods=shop Cart", "channels[backends].retry.methods" },
				{ channel + "retry.status-codes=OK", "channels[backends].retry.status-codes" },
				{ channel + "retry.initial-backoff=0", "channels[backends].retry.initial-backoff" },
				{ channel + "retry.backoff-multiplier=0", "channels[backends].retry.backoff-multiplier" },
				{ channel + "retry.max-backoff=50ms", "channels[backends].retry.max-backoff" },
				{ channel + "retry.methods=shop.Cart,shop.Cart", "channels[backends].retry.methods" },
				{ channel + "health-indicator.timeout=0", "channels[backends].health-indicator.timeout" },
				{ channel + "hedging.max-attempts=6", "channels[backends].hedging.max-attempts" },
				{ channel + "hedging.delay=-1s", "channels[backends].hedging.delay" },
				{ channel + "hedging.non-fatal-status-codes=OK", "channels[backends].hedging.non-fatal-status-codes" },
				{ channel + "hedging.methods=shop Cart", "channels[backends].hedging.methods" },
				{ channel + "retry-throttling.max-tokens=0", "channels[backends].retry-throttling.max-tokens" },
				{ channel + "retry-throttling.max-tokens=1001", "channels[backends].retry-throttling.max-tokens" },
				{ channel + "retry-throttling.token-ratio=0", "channels[backends].retry-throttling.token-ratio" },
				{ channel + "outlier-detection.interval=0", "channels[backends].outlier-detection.interval" },
				{ channel + "outlier-detection.base-ejection-time=0",
						"channels[backends].outlier-detection.base-ejection-time" },
				{ channel + "outlier-detection.max-ejection-time=1s",
						"channels[backends].outlier-detection.max-ejection-time" },
				{ channel + "outlier-detection.max-ejection-percent=101",
						"channels[backends].outlier-detection.max-ejection-percent" },
				{ channel + "outlier-detection.failure-percentage.threshold=-1",
						"channels[backends].outlier-detection.failure-percentage.threshold" },
				{ channel + "outlier-detection.failure-percentage.enforcement-percentage=101",
						"channels[backends].outlier-detection.failure-percentage.enforcement-percentage" },
				{ channel + "outlier-detection.failure-percentage.minimum-hosts=-1",
						"channels[backends].outlier-detection.failure-percentage.minimum-hosts" },
				{ channel + "outlier-detection.success-rate.request-volume=-1",
						"channels[backends].outlier-detection.success-rate.request-volume" },
				{ channel + "outlier-detection.success-rate.stdev-factor=-1",
						"channels[backends].outlier-detection.success-rate.stdev-factor" },
				{ "health-grpc.client.health-indicator.period=0", "health-indicator.period" },
				{ "health-grpc.client.health-indicator.group=", "health-indicator.group" },
				{ "health-grpc.client.load-balancing.weight-metadata-key=", "load-balancing.weight-metadata-key" } };
		for (String[] bad : cases) {
			this.runner.withPropertyValues(bad[0])
				.run((context) -> assertThat(context).getFailure()
					.as(bad[0])
					.rootCause()
					.hasMessageContaining("on field '" + bad[1] + "'"));
		}
		this.runner
			.withPropertyValues(channel + "retry.methods=shop.Cart",
					channel + "hedging.methods=shop.Cart/Get,shop.Cart")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("on field 'channels[backends].hedging.methods'")
				.hasMessageContaining("'shop.Cart' is in retry.methods too"));
	}

	@Test
	void healthCheckingWithPickFirstIsWarnedAboutOnce(CapturedOutput output) {
		this.runner
			.withPropertyValues("grpc.client.backends.address=static://127.0.0.1:1",
					"grpc.client.backends.default-load-balancing-policy=pick_first",
					"health-grpc.client.channels.backends.health-check.enabled=true")
			.run((context) -> {
				GrpcChannelFactory channels = context.getBean(GrpcChannelFactory.class);
				channels.createChannel("backends");
				channels.createChannel("backends");
				assertThat(output.getOut().split("default-load-balancing-policy is pick_first", -1)).hasSize(2);
			});
		int before = output.getOut().length();
		this.runner
			.withPropertyValues("grpc.client.backends.address=static://127.0.0.1:1",
					"health-grpc.client.channels.backends.health-check.enabled=true")
			.run((context) -> {
				context.getBean(GrpcChannelFactory.class).createChannel("backends");
				assertThat(output.getOut().substring(before)).doesNotContain("pick_first");
			});
	}

}
