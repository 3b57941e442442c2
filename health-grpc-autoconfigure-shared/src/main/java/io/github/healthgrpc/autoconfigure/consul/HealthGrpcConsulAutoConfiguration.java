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

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthProperties;
import io.github.healthgrpc.consul.GrpcHealthCheck;
import io.github.healthgrpc.consul.GrpcServiceRegistration;
import io.github.healthgrpc.consul.RegistrationKeeper;
import io.github.healthgrpc.health.HealthStatusRegistry;
import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.server.ConfiguredGrpcServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Registers the application's gRPC server with Consul through Spring Cloud Consul's own
 * registration, the same on both lines (Spring Cloud Consul 4.3 on Spring Boot 3.5, 5.0
 * on 4.1): the bound gRPC port (in the {@code gRPC_port} metadata net.devh's resolver and
 * health-grpc's read, and as the port of a gRPC-only application), a native GRPC check
 * that calls {@code grpc.health.v1.Health/Check}, deregistration after the drain, and a
 * keeper that registers again where the agent lost the instance. Written against
 * health-grpc's server seam ({@link ConfiguredGrpcServer}, the
 * {@link io.github.healthgrpc.server.GrpcServerListener} events), so it needs no type of
 * either gRPC integration; each line's {@code ServiceDefinitions} copies its Spring Cloud
 * Consul model. Switched off by {@code health-grpc.consul.enabled=false}, or with Spring
 * Cloud Consul's registration.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
// Spring Cloud orders Consul's registration after Commons' by name only: name Commons'
// first, or naming Consul's would pull Consul's ahead of it
@AutoConfiguration(
		afterName = { "org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration",
				"io.github.healthgrpc.autoconfigure.consul.HealthGrpcConsulAgentAutoConfiguration",
				"org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistrationAutoConfiguration",
				"org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration",
				// each line's server adapter, which provides the ConfiguredGrpcServer
				"net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
				"io.github.healthgrpc.autoconfigure.netdevh.HealthGrpcNetDevhServerAutoConfiguration",
				"io.github.healthgrpc.autoconfigure.springgrpc.HealthGrpcSpringGrpcServerAutoConfiguration" })
@ConditionalOnHealthGrpcEnabled
@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnClass(ConsulAutoRegistration.class)
@ConditionalOnBean({ ConsulAutoServiceRegistration.class, ConsulAutoRegistration.class, ConfiguredGrpcServer.class })
@EnableConfigurationProperties(HealthGrpcConsulProperties.class)
public class HealthGrpcConsulAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GrpcCheckSettings healthGrpcConsulCheckSettings(HealthGrpcConsulProperties properties,
			ConsulDiscoveryProperties discovery, ObjectProvider<HeartbeatProperties> heartbeat,
			Environment environment) {
		HeartbeatProperties heartbeatProperties = heartbeat.getIfAvailable();
		boolean heartbeatEnabled = (heartbeatProperties != null) ? heartbeatProperties.isEnabled()
				: environment.getProperty(GrpcCheckSettings.SPRING + "heartbeat.enabled", Boolean.class, false);
		return new GrpcCheckSettings(properties.getCheck(), discovery, heartbeatEnabled, Binder.get(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcServiceRegistration healthGrpcConsulRegistrationRules(GrpcCheckSettings settings,
			HealthGrpcConsulProperties properties, ConsulDiscoveryProperties discovery, ConfiguredGrpcServer server) {
		GrpcHealthCheck check = settings.check(server.tls());
		// an id set by the user is theirs
		boolean uniqueId = properties.isUniqueInstanceId() && !StringUtils.hasText(discovery.getInstanceId());
		return new GrpcServiceRegistration(check, properties.getCheck().isKeepHttpCheck(), uniqueId);
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcPortRegistrationCustomizer healthGrpcConsulRegistrationCustomizer(GrpcServiceRegistration rules,
			ConfiguredGrpcServer server) {
		return new GrpcPortRegistrationCustomizer(rules, server);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "registration.keeper-enabled",
			matchIfMissing = true)
	RegistrationKeeper healthGrpcConsulRegistrationKeeper(ConsulAgentResources resources,
			ConsulAutoRegistration registration, HealthGrpcConsulProperties properties, GrpcCheckSettings settings,
			ObjectProvider<HealthStatusRegistry> health) {
		HealthStatusRegistry registry = health.getIfUnique();
		String service = properties.getCheck().getService();
		// without health-grpc's statuses, Consul's view is the only one
		BooleanSupplier serving = (registry != null) ? () -> registry.getStatus(service) == ServingStatus.SERVING
				: () -> true;
		return new RegistrationKeeper(resources.agent(), () -> ServiceDefinitions.read(registration.getService()),
				properties.getRegistration().getKeeperInterval(), resources.scheduler(), resources.executor(),
				settings.deregisterCriticalServiceAfter(), serving);
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcServerConsulRegistrar healthGrpcConsulRegistrar(GrpcServiceRegistration rules,
			ConsulAutoRegistration registration, ConsulAutoServiceRegistration autoServiceRegistration,
			ConsulServiceRegistry serviceRegistry, ConsulDiscoveryProperties discovery,
			ObjectProvider<RegistrationKeeper> keeper, ObjectProvider<HealthGrpcHealthProperties> health,
			ConfiguredGrpcServer server) {
		HealthGrpcHealthProperties healthProperties = health.getIfAvailable();
		Duration drainDelay = (healthProperties != null) ? healthProperties.getLifecycle().getDrainDelay() : null;
		return new GrpcServerConsulRegistrar(rules, registration, autoServiceRegistration, serviceRegistry, discovery,
				keeper.getIfAvailable(), new GrpcCheckWarnings(server.serverTls(), drainDelay));
	}

	@Bean
	@ConditionalOnMissingBean
	ConsulDeregistrationListener healthGrpcConsulDeregistrationListener(
			ConsulAutoServiceRegistration autoServiceRegistration, ObjectProvider<RegistrationKeeper> keeper,
			ApplicationContext context, HealthGrpcConsulProperties properties) {
		return new ConsulDeregistrationListener(autoServiceRegistration, keeper.getIfAvailable(), context,
				properties.getAgent().getRequestTimeout());
	}

}
