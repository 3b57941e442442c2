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

import java.util.OptionalInt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.springgrpc.HealthGrpcSpringGrpcDiscoveryAutoConfiguration;
import io.github.healthgrpc.client.discovery.DiscoveryNameResolverProvider;
import io.github.healthgrpc.consul.ConsulHealthWatch;
import io.github.healthgrpc.consul.GrpcServiceRegistration;
import io.github.healthgrpc.consul.RegistrationKeeper;
import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.ServerTls;
import io.grpc.NameResolverRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.consul.ConsulAutoConfiguration;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClientConfiguration;
import org.springframework.cloud.consul.model.http.agent.NewService;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Consul auto-configuration on Spring Boot 4.1 and Spring Cloud Consul 5.0:
 * each condition both ways, and what is written into Spring Cloud Consul's own
 * registration model.
 *
 * @author health-grpc authors
 */
class HealthGrpcConsulSpringBoot4AutoConfigurationTests {

	private static final ConfiguredGrpcServer SERVER = new ConfiguredGrpcServer() {

		@Override
		public String address() {
			return "127.0.0.1";
		}

		@Override
		public OptionalInt port() {
			return OptionalInt.of(9090);
		}

		@Override
		public ServerTls serverTls() {
			return new ServerTls(false, "spring.grpc.server.ssl.enabled", null, "spring.grpc.server.ssl.bundle", false,
					"spring.grpc.server.ssl.client-auth", "spring.grpc.server.ssl.bundle");
		}

		@Override
		public String integration() {
			return "test";
		}

	};

	// no server starts here: nothing talks to an agent
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class, ConsulAutoConfiguration.class,
				ConsulDiscoveryClientConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
				CompositeDiscoveryClientAutoConfiguration.class, ConsulServiceRegistryAutoConfiguration.class,
				AutoServiceRegistrationAutoConfiguration.class, ConsulAutoServiceRegistrationAutoConfiguration.class,
				HealthGrpcAutoConfiguration.class, HealthGrpcConsulAgentAutoConfiguration.class,
				HealthGrpcConsulAutoConfiguration.class, HealthGrpcConsulDiscoveryAutoConfiguration.class,
				HealthGrpcSpringGrpcDiscoveryAutoConfiguration.class))
		.withPropertyValues("spring.application.name=shop", "spring.cloud.consul.host=127.0.0.1",
				"spring.cloud.consul.port=1")
		.withBean(ConfiguredGrpcServer.class, () -> SERVER);

	@Test
	void theGrpcServerIsWrittenIntoSpringCloudConsulsOwnRegistration() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(GrpcServerConsulRegistrar.class)
				.hasSingleBean(RegistrationKeeper.class)
				.hasSingleBean(ConsulDeregistrationListener.class)
				.hasSingleBean(GrpcPortRegistrationCustomizer.class);
			NewService service = context.getBean(ConsulAutoRegistration.class).getService();
			assertThat(service.getId()).isEqualTo("shop-127-0-0-1-9090");
			assertThat(service.getAddress()).isEqualTo("127.0.0.1");
			assertThat(service.getMeta()).containsEntry("gRPC_port", "9090");
			assertThat(service.getCheck().getGrpc()).isEqualTo("127.0.0.1:9090");
			assertThat(service.getCheck().getGrpcUseTLS()).isFalse();
			// health-grpc's defaults, as on Spring Boot 3.5
			assertThat(service.getCheck().getInterval()).isEqualTo("4s");
			assertThat(service.getCheck().getDeregisterCriticalServiceAfter()).isNotNull();
			assertThat(service.getCheck().getHttp()).isNull();
		});
	}

	@Test
	void springCloudConsulsCheckSettingsApplyToTheGrpcCheckAndHealthGrpcsOwnWin() {
		this.runner.withPropertyValues("spring.cloud.consul.discovery.health-check-interval=7s",
				"spring.cloud.consul.discovery.health-check-timeout=3s",
				"spring.cloud.consul.discovery.health-check-critical-timeout=2m", "health-grpc.consul.check.timeout=2s")
			.run((context) -> {
				NewService.Check check = context.getBean(ConsulAutoRegistration.class).getService().getCheck();
				assertThat(check.getInterval()).isEqualTo("7s");
				assertThat(check.getTimeout()).isEqualTo("2s");
				assertThat(check.getDeregisterCriticalServiceAfter()).isEqualTo("120s");
			});
		this.runner.withPropertyValues("spring.cloud.consul.discovery.heartbeat.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.cloud.consul.discovery.heartbeat.enabled"));
	}

	@Test
	void theTlsServerNameReachesTheAgentThroughSpringCloudConsulsModel() {
		this.runner
			.withPropertyValues("health-grpc.consul.check.tls=true",
					"health-grpc.consul.check.tls-server-name=shop.internal")
			.run((context) -> {
				NewService service = context.getBean(ConsulAutoRegistration.class).getService();
				assertThat(new ObjectMapper().writeValueAsString(service.getCheck()))
					.contains("\"TLSServerName\":\"shop.internal\"", "\"GRPCUseTLS\":true");
			});
	}

	@Test
	void nothingIsRegisteredWhenHealthGrpcsConsulIsOff() {
		this.runner.withPropertyValues("health-grpc.consul.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcServerConsulRegistrar.class)
				.doesNotHaveBean(RegistrationKeeper.class)
				.doesNotHaveBean(ConsulAgentResources.class)
				.doesNotHaveBean(ConsulHealthWatch.class);
			assertThat(context.getBean(ConsulAutoRegistration.class).getService().getMeta())
				.doesNotContainKey("gRPC_port");
		});
	}

	@Test
	void nothingIsRegisteredWithoutAGrpcServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class, ConsulAutoConfiguration.class,
					ConsulServiceRegistryAutoConfiguration.class, AutoServiceRegistrationAutoConfiguration.class,
					ConsulAutoServiceRegistrationAutoConfiguration.class, HealthGrpcAutoConfiguration.class,
					HealthGrpcConsulAgentAutoConfiguration.class, HealthGrpcConsulAutoConfiguration.class))
			.withPropertyValues("spring.application.name=shop")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ConsulAutoRegistration.class)
				.doesNotHaveBean(GrpcServerConsulRegistrar.class));
	}

	@Test
	void theKeeperCanBeSwitchedOff() {
		this.runner.withPropertyValues("health-grpc.consul.registration.keeper-enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(GrpcServerConsulRegistrar.class)
				.doesNotHaveBean(RegistrationKeeper.class));
	}

	@Test
	void theApplicationsOwnRulesWin() {
		GrpcServiceRegistration own = new GrpcServiceRegistration(null, false, false);
		this.runner.withBean(GrpcServiceRegistration.class, () -> own).run((context) -> {
			assertThat(context.getBean(GrpcServiceRegistration.class)).isSameAs(own);
			NewService service = context.getBean(ConsulAutoRegistration.class).getService();
			assertThat(service.getId()).isNotEqualTo("shop-127-0-0-1-9090");
			assertThat(service.getCheck()).isNull();
		});
	}

	@Test
	void discoveryTargetsResolveThroughTheDiscoveryClientAndFollowTheHealthWatch() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DiscoveryNameResolverProvider.class)
				.hasSingleBean(ConsulHealthWatch.class);
			// in grpc-java's registry while the application runs, never the default
			// scheme: plain host:port targets (Spring gRPC's static://) stay on DNS
			NameResolverRegistry registry = NameResolverRegistry.getDefaultRegistry();
			assertThat(registry.getProviderForScheme("discovery")).isNotNull();
			assertThat(registry.getDefaultScheme()).isEqualTo("dns");
		});
		this.runner.withPropertyValues("health-grpc.consul.discovery.watch-health=false")
			.run((context) -> assertThat(context).hasSingleBean(DiscoveryNameResolverProvider.class)
				.doesNotHaveBean(ConsulHealthWatch.class));
		this.runner.withPropertyValues("health-grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryNameResolverProvider.class)
				.doesNotHaveBean(GrpcServerConsulRegistrar.class));
	}

}
