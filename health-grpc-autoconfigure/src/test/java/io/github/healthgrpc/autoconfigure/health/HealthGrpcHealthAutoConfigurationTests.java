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

package io.github.healthgrpc.autoconfigure.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.StartupFailures;
import io.github.healthgrpc.health.FixedHealthStatusUpdater;
import io.github.healthgrpc.health.HealthLifecycle;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.HealthStatusUpdater;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.actuate.ActuatorHealthStatusUpdater;
import io.github.healthgrpc.health.actuate.ServingStatusMapper;
import io.github.healthgrpc.health.grpc.HealthGrpcService;
import io.github.healthgrpc.health.metrics.HealthStatusMetrics;
import io.github.healthgrpc.health.grpc.HealthServiceLimits;
import io.github.healthgrpc.health.grpc.LegacyHealthGrpcService;
import io.github.healthgrpc.autoconfigure.netdevh.HealthGrpcNetDevhServerAutoConfiguration;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import net.devh.boot.grpc.server.service.GrpcService;
import io.grpc.protobuf.services.HealthStatusManager;
import io.github.healthgrpc.health.grpc.HealthStatusManagerMirror;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HealthGrpcHealthAutoConfiguration}.
 *
 * @author health-grpc authors
 */
class HealthGrpcHealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
				HealthGrpcActuatorHealthAutoConfiguration.class, HealthGrpcHealthAutoConfiguration.class,
				HealthGrpcFixedHealthAutoConfiguration.class, HealthGrpcNetDevhServerAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withBean("dbHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build());

	@Test
	void byDefaultServesHealthFromActuator() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(HealthStatusRegistry.class);
			assertThat(context).hasSingleBean(HealthGrpcService.class);
			assertThat(context).hasSingleBean(HealthLifecycle.class);
			assertThat(context).hasSingleBean(ServingStatusMapper.class);
			assertThat(context).getBean(HealthStatusUpdater.class).isInstanceOf(ActuatorHealthStatusUpdater.class);
			assertThat(context).doesNotHaveBean(LegacyHealthGrpcService.class);
			assertThat(context.getBeanNamesForAnnotation(GrpcService.class))
				.containsExactly("healthGrpcServiceRegistration");
		});
	}

	@Test
	void aGaugePerStatusReachesTheMeterRegistriesUnlessSwitchedOff() {
		ApplicationContextRunner withMetrics = this.runner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.services.readiness.include=db");
		withMetrics.run((context) -> {
			assertThat(context).hasSingleBean(HealthStatusMetrics.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(meters.find(HealthStatusMetrics.METRIC).tag("service", "readiness").gauge())
							.isNotNull());
			context.getBean(HealthStatusRegistry.class).setStatus("readiness", ServingStatus.NOT_SERVING);
			assertThat(meters.get(HealthStatusMetrics.METRIC).tag("service", "readiness").gauge().value()).isZero();
		});
		withMetrics.withPropertyValues("health-grpc.health.status-gauge.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusMetrics.class));
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthStatusMetrics.class));
		HealthStatusRegistry statuses = HealthStatusRegistry.withOwnNotifier(true);
		try {
			HealthStatusMetrics own = new HealthStatusMetrics(statuses);
			this.runner.withBean(HealthStatusMetrics.class, () -> own)
				.run((context) -> assertThat(context.getBean(HealthStatusMetrics.class)).isSameAs(own));
		}
		finally {
			statuses.close();
		}
	}

	@Test
	void whenMasterSwitchIsOffConfiguresNothing() {
		this.runner.withPropertyValues("health-grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusRegistry.class)
				.doesNotHaveBean(BindableService.class));
	}

	@Test
	void whenHealthIsDisabledConfiguresNothing() {
		this.runner.withPropertyValues("health-grpc.health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusRegistry.class)
				.doesNotHaveBean(BindableService.class));
	}

	@Test
	void whenHealthIsExplicitlyEnabledConfiguresIt() {
		this.runner.withPropertyValues("health-grpc.enabled=true", "health-grpc.health.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(HealthGrpcService.class));
	}

	@Test
	void withoutGrpcOnTheClassPathConfiguresNothing() {
		this.runner.withClassLoader(new FilteredClassLoader(BindableService.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusRegistry.class));
	}

	@Test
	void withoutNetDevhTheServicesExistButNoServerServesThem() {
		this.runner.withClassLoader(new FilteredClassLoader(GrpcService.class)).run((context) -> {
			assertThat(context).hasSingleBean(HealthStatusRegistry.class);
			assertThat(context).hasSingleBean(HealthGrpcService.class);
			assertThat(context.getBeanNamesForAnnotation(GrpcService.class)).isEmpty();
		});
	}

	@Test
	void withoutActuatorEveryServiceIsServingOnceReady() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
					HealthGrpcActuatorHealthAutoConfiguration.class, HealthGrpcHealthAutoConfiguration.class,
					HealthGrpcFixedHealthAutoConfiguration.class, HealthGrpcNetDevhServerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false")
			.run((context) -> {
				assertThat(context).getBean(HealthStatusUpdater.class).isInstanceOf(FixedHealthStatusUpdater.class);
				assertThat(context).doesNotHaveBean(ServingStatusMapper.class);
				assertThat(context.getBean(HealthStatusRegistry.class).getStatus("")).isEqualTo(ServingStatus.SERVING);
			});
	}

	@Test
	void actuatorOnTheClassPathWithoutItsAutoConfigurationStillReadsContributorBeans() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
					HealthGrpcActuatorHealthAutoConfiguration.class, HealthGrpcHealthAutoConfiguration.class,
					HealthGrpcFixedHealthAutoConfiguration.class, HealthGrpcNetDevhServerAutoConfiguration.class))
			.withBean("dbHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.services[a.Svc].include=db")
			.run((context) -> {
				ActuatorHealthStatusUpdater updater = context.getBean(ActuatorHealthStatusUpdater.class);
				updater.update();
				assertThat(context.getBean(HealthStatusRegistry.class).getStatus(""))
					.isEqualTo(ServingStatus.NOT_SERVING);
			});
	}

	@Test
	void legacyServiceIsServedWhenEnabled() {
		this.runner.withPropertyValues("health-grpc.health.legacy.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(LegacyHealthGrpcService.class));
	}

	@Test
	void legacyServiceIsNotServedWhenDisabled() {
		this.runner.withPropertyValues("health-grpc.health.legacy.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LegacyHealthGrpcService.class));
	}

	@Test
	void userBeansWin() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).getBean(HealthStatusRegistry.class).isSameAs(context.getBean(UserBeans.class).registry);
			assertThat(context).getBean(HealthGrpcService.class).isSameAs(UserBeans.service);
			assertThat(context).getBean(HealthStatusUpdater.class).isSameAs(UserBeans.updater);
			assertThat(context).getBean(ServingStatusMapper.class).isSameAs(UserBeans.mapper);
		});
	}

	@Test
	void statusMappingMergesOverTheDefaults() {
		this.runner.withPropertyValues("health-grpc.health.status-mapping.DEGRADED=SERVING").run((context) -> {
			ServingStatusMapper mapper = context.getBean(ServingStatusMapper.class);
			assertThat(mapper.map("DEGRADED")).isEqualTo(ServingStatus.SERVING);
			assertThat(mapper.map("DOWN")).isEqualTo(ServingStatus.NOT_SERVING);
			assertThat(mapper.map("UP")).isEqualTo(ServingStatus.SERVING);
		});
	}

	@Test
	void overallExcludeLeavesAContributorOut() {
		this.runner.withBean("cacheHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.overall.exclude=cache")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING));
	}

	@Test
	void overallIncludeListensOnlyToItsContributors() {
		this.runner.withBean("cacheHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.overall.include=db")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING));
		this.runner.withBean("cacheHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.overall.include=cache")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.NOT_SERVING));
	}

	@Test
	void consulsContributorDecidesNothingAndIsNotEvenAskedUnlessNamed() {
		AtomicInteger asked = new AtomicInteger();
		HealthIndicator consul = () -> {
			asked.incrementAndGet();
			return Health.down().build();
		};
		this.runner.withBean("consulHealthIndicator", HealthIndicator.class, () -> consul)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false")
			.run((context) -> {
				assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING);
				assertThat(asked).hasValue(0);
			});
		// named in an include, it counts
		this.runner.withBean("consulHealthIndicator", HealthIndicator.class, () -> consul)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.services[a.Svc].include=db,consul")
			.run((context) -> {
				assertThat(evaluated(context, "a.Svc")).isEqualTo(ServingStatus.NOT_SERVING);
				assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING);
			});
		// a group that has it counts it too
		this.runner.withBean("consulHealthIndicator", HealthIndicator.class, () -> consul)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"management.endpoint.health.group.infra.include=consul", "health-grpc.health.overall.group=infra")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.NOT_SERVING));
		// an exclude-only binding still ignores it
		this.runner.withBean("consulHealthIndicator", HealthIndicator.class, () -> consul)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.overall.exclude=db")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING));
		// and with the defaults switched off it counts everywhere
		this.runner.withBean("consulHealthIndicator", HealthIndicator.class, () -> consul)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.ignore-default-contributors=false")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.NOT_SERVING));
	}

	@Test
	void ignoringOneMoreContributorKeepsTheDefaultsIgnored() {
		HealthIndicator down = () -> Health.down().build();
		this.runner.withBean("consulHealthIndicator", HealthIndicator.class, () -> down)
			.withBean("grpcDownstreamHealthContributor", HealthIndicator.class, () -> down)
			.withBean("cacheHealthIndicator", HealthIndicator.class, () -> down)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.ignored-contributors=cache")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING));
		// without the defaults only the one named is ignored
		this.runner.withBean("grpcDownstreamHealthContributor", HealthIndicator.class, () -> down)
			.withBean("cacheHealthIndicator", HealthIndicator.class, () -> down)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.ignored-contributors=cache",
					"health-grpc.health.ignore-default-contributors=false")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.NOT_SERVING));
		this.runner.withBean("cacheHealthIndicator", HealthIndicator.class, () -> down)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.ignored-contributors=cache",
					"health-grpc.health.ignore-default-contributors=false")
			.run((context) -> assertThat(evaluated(context, "")).isEqualTo(ServingStatus.SERVING));
	}

	@Test
	void aServiceExcludeLeavesAContributorOutOfThatServiceOnly() {
		this.runner.withBean("cacheHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.services[a.Svc].exclude=cache")
			.run((context) -> {
				assertThat(evaluated(context, "a.Svc")).isEqualTo(ServingStatus.SERVING);
				assertThat(evaluated(context, "")).isEqualTo(ServingStatus.NOT_SERVING);
			});
	}

	@Test
	void anUnknownExcludedContributorFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.overall.exclude=nope")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("health-grpc.health.overall.exclude")
					.contains("No health contributor named 'nope'")));
	}

	@Test
	void theListAndWatchLimitsReachTheService() {
		this.runner
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.list.max-services=1", "health-grpc.health.watch.max-streams=1",
					"health-grpc.health.services.readiness.include=db")
			.run((context) -> InProcessHealth.with(context.getBean(HealthGrpcService.class), (health) -> {
				// "" and readiness: two statuses, one allowed
				assertThat(health.listFails()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
				health.watch();
				assertThat(health.watchFails()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
			}));
	}

	@Test
	void listCanBeTurnedOffByProperty() {
		this.runner.withPropertyValues("health-grpc.health.list.enabled=false")
			.run((context) -> InProcessHealth.with(context.getBean(HealthGrpcService.class),
					(health) -> assertThat(health.listFails()).isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED)));
	}

	@Test
	void netDevhUsersGetAHealthStatusManagerThatIsMirrored() {
		this.runner.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false").run((context) -> {
			assertThat(context).hasSingleBean(HealthStatusManager.class).hasSingleBean(HealthStatusManagerMirror.class);
			context.getBean(HealthStatusManager.class)
				.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(context.getBean(HealthStatusRegistry.class).getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
		});
	}

	@Test
	void aUsersHealthStatusManagerWinsAndIsMirrored() {
		HealthStatusManager mine = new HealthStatusManager();
		this.runner.withBean(HealthStatusManager.class, () -> mine)
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false")
			.run((context) -> {
				assertThat(context).getBean(HealthStatusManager.class).isSameAs(mine);
				mine.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
				assertThat(context.getBean(HealthStatusRegistry.class).getStatus(""))
					.isEqualTo(ServingStatus.NOT_SERVING);
			});
	}

	@Test
	void withoutGrpcServicesThereIsNoHealthStatusManagerAndNoHealthService() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthStatusManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusManager.class)
				.doesNotHaveBean(HealthStatusManagerMirror.class)
				.doesNotHaveBean(HealthGrpcService.class));
	}

	@Test
	void aZeroWatchMaximumFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.watch.max-streams=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("Property: health-grpc.health.watch.max-streams")
					.contains("Reason: must be at least 1")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "schedule.period=0s", "schedule.contributor-timeout=-1s", "schedule.period=-5ms" })
	void aDurationThatIsNotPositiveFailsStartupNamingTheProperty(String setting) {
		String property = "health-grpc.health." + setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues("health-grpc.health." + setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure)).contains("Property: " + property)
					.contains("Reason: must be positive")));
	}

	private static ServingStatus evaluated(org.springframework.context.ApplicationContext context, String service) {
		context.getBean(ActuatorHealthStatusUpdater.class).update();
		return context.getBean(HealthStatusRegistry.class).getStatus(service);
	}

	@Test
	void anUnknownContributorFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.services[orders.Orders].include=db,dbb")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("health-grpc.health.services[orders.Orders].include")
					.contains("No health contributor named 'dbb'")));
	}

	@Test
	void anUnknownGroupFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.overall.group=nope")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("health-grpc.health.overall.group")
					.contains("No Actuator health group named 'nope'")));
	}

	@Test
	void aConfiguredNameThatNoServerRegistersFollowsItsActuatorGroup() {
		this.runner.withBean("cacheHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.withPropertyValues("management.endpoint.health.group.core.include=db",
					"health-grpc.health.services.readiness.group=core",
					"health-grpc.health.lifecycle.wait-for-readiness=false")
			.run((context) -> {
				context.getBean(ActuatorHealthStatusUpdater.class).update();
				HealthStatusRegistry registry = context.getBean(HealthStatusRegistry.class);
				assertThat(registry.getStatus("readiness")).isEqualTo(ServingStatus.SERVING);
				assertThat(registry.getStatus("")).isEqualTo(ServingStatus.NOT_SERVING);
			});
	}

	@Test
	void withoutActuatorConfiguredNamesStillGetAStatus() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
					HealthGrpcActuatorHealthAutoConfiguration.class, HealthGrpcHealthAutoConfiguration.class,
					HealthGrpcFixedHealthAutoConfiguration.class, HealthGrpcNetDevhServerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.withPropertyValues("health-grpc.health.lifecycle.wait-for-readiness=false",
					"health-grpc.health.services.readiness.include=anything")
			.run((context) -> assertThat(context.getBean(HealthStatusRegistry.class).getStatus("readiness"))
				.isEqualTo(ServingStatus.SERVING));
	}

	@Test
	void aNegativeDurationFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.lifecycle.drain-delay=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("Property: health-grpc.health.lifecycle.drain-delay")
					.contains("Reason: must not be negative")));
	}

	@Test
	void aZeroListMaximumFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.list.max-services=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("Property: health-grpc.health.list.max-services")
					.contains("Reason: must be at least 1")));
	}

	@Test
	void anUnknownServingStatusFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.health.status-mapping.UP=SERVIN")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(StartupFailures.describe(failure))
					.contains("health-grpc.health.status-mapping.up")
					.contains("SERVIN")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final HealthStatusUpdater updater = (services) -> {
		};

		static final ServingStatusMapper mapper = (status) -> ServingStatus.SERVING;

		static HealthGrpcService service;

		final HealthStatusRegistry registry = HealthStatusRegistry.withOwnNotifier(true);

		@Bean
		HealthStatusRegistry userRegistry() {
			return this.registry;
		}

		@Bean
		HealthStatusUpdater userUpdater() {
			return updater;
		}

		@Bean
		ServingStatusMapper userMapper() {
			return mapper;
		}

		@Bean
		HealthGrpcService userService() {
			service = new HealthGrpcService(this.registry, HealthServiceLimits.DEFAULTS);
			return service;
		}

	}

}
