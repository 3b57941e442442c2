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

package io.github.healthgrpc.autoconfigure.consul;

import java.util.function.Supplier;

import com.ecwid.consul.v1.ConsulRawClient;
import com.ecwid.consul.v1.agent.model.NewService;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.netdevh.HealthGrpcNetDevhServerAutoConfiguration;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientDiscoveryAutoConfiguration;
import io.github.healthgrpc.client.ServiceWatch;
import io.github.healthgrpc.consul.ConsulHealthWatch;
import io.github.healthgrpc.consul.GrpcServiceRegistration;
import io.github.healthgrpc.consul.RegistrationKeeper;
import net.devh.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import net.devh.boot.grpc.client.autoconfigure.GrpcDiscoveryClientAutoConfiguration;
import net.devh.boot.grpc.client.nameresolver.DiscoveryClientResolverFactory;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.consul.ConsulAutoConfiguration;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Consul auto-configurations, each condition both ways. Nothing here talks to an
 * agent: the catalog watch is off and nothing starts the registration.
 *
 * @author health-grpc authors
 */
class HealthGrpcConsulAutoConfigurationTests {

	private static final String OUR_RESOLVER_FACTORY = "healthGrpcDiscoveryClientResolverFactory";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class, ConsulAutoConfiguration.class,
				ConsulDiscoveryClientConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
				SimpleDiscoveryClientAutoConfiguration.class, AutoServiceRegistrationAutoConfiguration.class,
				ConsulServiceRegistryAutoConfiguration.class, ConsulAutoServiceRegistrationAutoConfiguration.class,
				GrpcServerAutoConfiguration.class, GrpcClientAutoConfiguration.class,
				GrpcDiscoveryClientAutoConfiguration.class, HealthGrpcAutoConfiguration.class,
				HealthGrpcNetDevhServerAutoConfiguration.class, HealthGrpcConsulTransportAutoConfiguration.class,
				HealthGrpcConsulAgentAutoConfiguration.class, HealthGrpcConsulAutoConfiguration.class,
				HealthGrpcConsulDiscoveryAutoConfiguration.class, HealthGrpcClientDiscoveryAutoConfiguration.class))
		.withPropertyValues("spring.application.name=shop", "spring.cloud.consul.port=1",
				"spring.cloud.consul.discovery.catalog-services-watch.enabled=false", "grpc.server.port=0",
				"grpc.server.address=127.0.0.1");

	@Test
	void theApplicationsOwnBeansWin() {
		GrpcServiceRegistration rules = new GrpcServiceRegistration(null, false, false);
		this.runner.withBean(GrpcServiceRegistration.class, () -> rules).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(GrpcServiceRegistration.class)).isSameAs(rules);
			assertThat(context.getBean(ConsulAutoRegistration.class).getService().getMeta()).containsKey("gRPC_port");
		});
	}

	@Test
	void byDefaultTheRegistrationCarriesTheGrpcPortAndAGrpcCheck() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GrpcPortRegistrationCustomizer.class)
				.hasSingleBean(GrpcServerConsulRegistrar.class)
				.hasSingleBean(ConsulDeregistrationListener.class)
				.hasSingleBean(RegistrationKeeper.class)
				.hasSingleBean(ConsulHttpTransport.class)
				.doesNotHaveBean("consulRawClientBuilderSupplier");
			int port = context.getBean(GrpcServerProperties.class).getPort();
			NewService service = context.getBean(ConsulAutoRegistration.class).getService();
			assertThat(service.getMeta()).containsEntry("gRPC_port", Integer.toString(port));
			assertThat(service.getAddress()).isEqualTo("127.0.0.1");
			assertThat(service.getId()).isEqualTo("shop-127-0-0-1-" + port);
			assertThat(service.getCheck().getGrpc()).isEqualTo("127.0.0.1:" + port);
			// together as long as the default drain: Consul sees NOT_SERVING before the
			// deregistration
			assertThat(service.getCheck().getInterval()).isEqualTo("4s");
			assertThat(service.getCheck().getTimeout()).isEqualTo("1s");
			assertThat(service.getCheck().getGrpcUseTLS()).isFalse();
			// a crashed instance does not stay listed for ever
			assertThat(service.getCheck().getDeregisterCriticalServiceAfter()).isEqualTo("600s");
			assertThat(context).hasSingleBean(ConsulHealthWatch.class)
				.hasBean(OUR_RESOLVER_FACTORY)
				.getBean(ServiceWatch.class)
				.isSameAs(context.getBean(ConsulHealthWatch.class));
		});
	}

	@Test
	void theCheckFollowsItsProperties() {
		this.runner.withPropertyValues("health-grpc.consul.check.service=shop.Cart",
				"health-grpc.consul.check.interval=3s", "health-grpc.consul.check.timeout=500ms",
				"health-grpc.consul.check.deregister-critical-service-after=2m", "grpc.server.security.enabled=true")
			.run((context) -> {
				NewService.Check check = context.getBean(ConsulAutoRegistration.class).getService().getCheck();
				int port = context.getBean(GrpcServerProperties.class).getPort();
				assertThat(check.getGrpc()).isEqualTo("127.0.0.1:" + port + "/shop.Cart");
				assertThat(check.getInterval()).isEqualTo("3s");
				assertThat(check.getTimeout()).isEqualTo("500ms");
				assertThat(check.getDeregisterCriticalServiceAfter()).isEqualTo("120s");
				// TLS follows the server unless set
				assertThat(check.getGrpcUseTLS()).isTrue();
			});
		this.runner.withPropertyValues("grpc.server.security.enabled=true", "health-grpc.consul.check.tls=false")
			.run((context) -> assertThat(
					context.getBean(ConsulAutoRegistration.class).getService().getCheck().getGrpcUseTLS())
				.isFalse());
	}

	@Test
	void springCloudConsulsCriticalTimeoutAppliesUnlessHealthGrpcsIsSet() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-critical-timeout=30m")
			.run((context) -> assertThat(check(context).getDeregisterCriticalServiceAfter()).isEqualTo("1800s"));
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.health-check-critical-timeout=30m",
					"health-grpc.consul.check.deregister-critical-service-after=2m")
			.run((context) -> assertThat(check(context).getDeregisterCriticalServiceAfter()).isEqualTo("120s"));
		// health-grpc's set to its own default still wins
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.health-check-critical-timeout=30m",
					"health-grpc.consul.check.deregister-critical-service-after=10m")
			.run((context) -> assertThat(check(context).getDeregisterCriticalServiceAfter()).isEqualTo("600s"));
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-critical-timeout=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.consul.discovery.health-check-critical-timeout")
				.hasMessageContaining("must be at least 1m"));
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-critical-timeout=half an hour")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.consul.discovery.health-check-critical-timeout")
				.hasMessageContaining("not a duration: 'half an hour'"));
	}

	@Test
	void springCloudConsulsIntervalAppliesUnlessHealthGrpcsIsSet() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-interval=15s")
			.run((context) -> assertThat(check(context).getInterval()).isEqualTo("15s"));
		// set explicitly to Spring Cloud Consul's default: still set
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-interval=10s")
			.run((context) -> assertThat(check(context).getInterval()).isEqualTo("10s"));
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.health-check-interval=15s",
					"health-grpc.consul.check.interval=4s")
			.run((context) -> assertThat(check(context).getInterval()).isEqualTo("4s"));
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.consul.discovery.health-check-interval")
				.hasMessageContaining("must be positive"));
	}

	@Test
	void springCloudConsulsTimeoutAppliesUnlessHealthGrpcsIsSet() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-timeout=1500ms")
			.run((context) -> assertThat(check(context).getTimeout()).isEqualTo("1500ms"));
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.health-check-timeout=1500ms",
					"health-grpc.consul.check.timeout=1s")
			.run((context) -> assertThat(check(context).getTimeout()).isEqualTo("1s"));
	}

	@Test
	void springCloudConsulsTlsSkipVerifyAppliesUnlessHealthGrpcsIsSet() {
		this.runner
			.withPropertyValues("grpc.server.security.enabled=true",
					"spring.cloud.consul.discovery.health-check-tls-skip-verify=true")
			.run((context) -> assertThat(check(context).getTlsSkipVerify()).isTrue());
		this.runner
			.withPropertyValues("grpc.server.security.enabled=true",
					"spring.cloud.consul.discovery.health-check-tls-skip-verify=true",
					"health-grpc.consul.check.tls-skip-verify=false")
			.run((context) -> assertThat(check(context).getTlsSkipVerify()).isNull());
		this.runner
			.withPropertyValues("grpc.server.security.enabled=true", "health-grpc.consul.check.tls-skip-verify=true",
					"health-grpc.consul.check.tls-server-name=shop.internal")
			.run((context) -> {
				assertThat(check(context).getTlsSkipVerify()).isTrue();
				assertThat(com.ecwid.consul.json.GsonFactory.getGson().toJson(check(context)))
					.contains("\"TLSServerName\":\"shop.internal\"");
			});
	}

	@Test
	void registerHealthCheckFalseRegistersNoGrpcCheckUnlessHealthGrpcAsksForOne() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.register-health-check=false")
			.run((context) -> assertThat(check(context)).isNull());
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.register-health-check=false",
					"health-grpc.consul.check.enabled=true")
			.run((context) -> assertThat(check(context).getGrpc()).isNotNull());
	}

	@Test
	void aTtlHeartbeatFailsStartupNamingBothProperties() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.heartbeat.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.consul.discovery.heartbeat.enabled")
				.hasMessageContaining("replaced by health-grpc's GRPC check")
				.hasMessageContaining("health-grpc.consul.check.enabled=false"));
		// with the HTTP check kept, Spring's heartbeats would go to a check id that does
		// not exist
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.heartbeat.enabled=true",
					"health-grpc.consul.check.keep-http-check=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.consul.discovery.heartbeat.enabled")
				.hasMessageContaining("health-grpc.consul.check.keep-http-check=true")
				.hasMessageContaining("never reach it"));
		// the TTL check alone is Spring Cloud Consul's, untouched
		this.runner
			.withPropertyValues("spring.cloud.consul.discovery.heartbeat.enabled=true",
					"health-grpc.consul.check.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void httpCheckSettingsFailStartupWhenTheGrpcCheckReplacesTheHttpCheck() {
		for (String setting : new String[] { "spring.cloud.consul.discovery.health-check-path=/health",
				"spring.cloud.consul.discovery.health-check-url=http://127.0.0.1:8080/health",
				"spring.cloud.consul.discovery.health-check-headers.X-Probe=consul" }) {
			String name = setting.substring(0, setting.indexOf('='));
			this.runner.withPropertyValues(setting)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.as(setting)
					.hasMessageContaining(name.startsWith("spring.cloud.consul.discovery.health-check-headers")
							? "spring.cloud.consul.discovery.health-check-headers" : name)
					.hasMessageContaining("health-grpc.consul.check.keep-http-check=true"));
			this.runner.withPropertyValues(setting, "health-grpc.consul.check.keep-http-check=true")
				.run((context) -> assertThat(context).as(setting).hasNotFailed());
		}
	}

	@Test
	void withoutTheCheckNoGrpcCheckIsRegistered() {
		this.runner.withPropertyValues("health-grpc.consul.check.enabled=false").run((context) -> {
			NewService service = context.getBean(ConsulAutoRegistration.class).getService();
			assertThat(service.getCheck()).isNull();
			assertThat(service.getMeta()).containsKey("gRPC_port");
		});
	}

	@Test
	void anInstanceIdOfTheUsersOwnIsKept() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.instance-id=shop-one")
			.run((context) -> assertThat(context.getBean(ConsulAutoRegistration.class).getService().getId())
				.isEqualTo("shop-one"));
		this.runner.withPropertyValues("health-grpc.consul.unique-instance-id=false")
			.run((context) -> assertThat(context.getBean(ConsulAutoRegistration.class).getService().getId())
				.isEqualTo("shop"));
	}

	@Test
	void offWhenSwitchedOff() {
		for (String off : new String[] { "health-grpc.consul.enabled=false", "health-grpc.enabled=false" }) {
			this.runner.withPropertyValues(off).run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(GrpcServerConsulRegistrar.class)
					.doesNotHaveBean(ConsulHttpTransport.class)
					.hasBean("consulRawClientBuilderSupplier");
				assertThat(context.getBean(ConsulAutoRegistration.class).getService().getCheck()).as(off).isNull();
				assertThat(context).as(off).doesNotHaveBean(ConsulHealthWatch.class);
			});
		}
	}

	@Test
	void offWithSpringCloudConsul() {
		this.runner.withPropertyValues("spring.cloud.consul.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcServerConsulRegistrar.class)
				.doesNotHaveBean(ConsulHttpTransport.class)
				.doesNotHaveBean(ConsulHealthWatch.class));
		this.runner.withPropertyValues("spring.cloud.consul.service-registry.auto-registration.enabled=false")
			.withInitializer(org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener
				.forLogLevel(org.springframework.boot.logging.LogLevel.INFO))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcServerConsulRegistrar.class)
				.hasSingleBean(ConsulHealthWatch.class));
	}

	@Test
	void offWithoutSpringCloudConsulOrNetDevhOnTheClassPath() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
					CompositeDiscoveryClientAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
					GrpcServerAutoConfiguration.class, GrpcClientAutoConfiguration.class,
					GrpcDiscoveryClientAutoConfiguration.class, HealthGrpcAutoConfiguration.class,
					HealthGrpcNetDevhServerAutoConfiguration.class, HealthGrpcConsulTransportAutoConfiguration.class,
					HealthGrpcConsulAutoConfiguration.class, HealthGrpcConsulDiscoveryAutoConfiguration.class,
					HealthGrpcClientDiscoveryAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.cloud.consul", "com.ecwid.consul"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcServerConsulRegistrar.class)
				.doesNotHaveBean(ConsulHttpTransport.class)
				.doesNotHaveBean(ConsulHealthWatch.class)
				// discovery without Consul still gets the weights, watching nothing
				.hasBean(OUR_RESOLVER_FACTORY));
		this.runner.withClassLoader(new FilteredClassLoader(GrpcServerProperties.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcServerConsulRegistrar.class)
				.hasSingleBean(ConsulHealthWatch.class));
	}

	@Test
	void theKeeperCanBeSwitchedOff() {
		this.runner.withPropertyValues("health-grpc.consul.registration.keeper-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RegistrationKeeper.class)
				.hasSingleBean(GrpcServerConsulRegistrar.class));
	}

	@Test
	void theHealthWatchCanBeSwitchedOffOrReplaced() {
		this.runner.withPropertyValues("health-grpc.consul.discovery.watch-health=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulHealthWatch.class)
				.hasBean(OUR_RESOLVER_FACTORY));
		this.runner
			.withBean("myResolverFactory", DiscoveryClientResolverFactory.class,
					() -> new DiscoveryClientResolverFactory(
							new org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient(
									new org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties())))
			.run((context) -> assertThat(context).doesNotHaveBean(OUR_RESOLVER_FACTORY)
				.getBean(DiscoveryClientResolverFactory.class)
				.isSameAs(context.getBean("myResolverFactory")));
	}

	@Test
	void theTransportCanBeSwitchedOffOrReplaced() {
		this.runner.withPropertyValues("health-grpc.consul.agent.transport-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulHttpTransport.class)
				.hasBean("consulRawClientBuilderSupplier"));
		this.runner.withUserConfiguration(OwnTransport.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ConsulHttpTransport.class)
				.doesNotHaveBean("consulRawClientBuilderSupplier"));
	}

	@Test
	void badPropertiesFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("health-grpc.consul.check.interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("health-grpc.consul")
				.hasMessageContaining("check.interval"));
		this.runner.withPropertyValues("health-grpc.consul.check.deregister-critical-service-after=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("check.deregister-critical-service-after")
				.hasMessageContaining("at least 1m"));
		this.runner.withPropertyValues("health-grpc.consul.discovery.watch-wait=11m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("discovery.watch-wait")
				.hasMessageContaining("between 1s and 10m"));
	}

	@Test
	void theDiscoveryClientIsSpringsPrimaryOne() {
		this.runner.run((context) -> assertThat(context.getBean(DiscoveryClient.class).description())
			.isEqualTo("Composite Discovery Client"));
	}

	private static NewService.Check check(
			org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(ConsulAutoRegistration.class).getService().getCheck();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransport {

		@Bean
		Supplier<ConsulRawClient.Builder> ownSupplier() {
			return ConsulRawClient.Builder::builder;
		}

	}

}
