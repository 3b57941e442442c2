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

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.List;

import io.github.healthgrpc.autoconfigure.HealthGrpcAutoConfiguration;
import io.github.healthgrpc.autoconfigure.interceptor.HealthGrpcInterceptorsAutoConfiguration;
import io.github.healthgrpc.consul.CertificateNames;
import io.github.healthgrpc.health.grpc.HealthExemptServerInterceptor;
import io.github.healthgrpc.interceptor.DeadlineServerInterceptor;
import io.github.healthgrpc.interceptor.ExceptionStatusServerInterceptor;
import io.github.healthgrpc.interceptor.HealthGrpcInterceptorOrder;
import io.github.healthgrpc.interceptor.OuterExceptionHandler;
import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.ServerTls;
import io.github.healthgrpc.test.tls.TestCertificates;
import io.grpc.TlsServerCredentials;
import io.github.healthgrpc.server.ServerInterceptorRegistration;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.internal.ApplicationContextBeanLookupUtils;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthGrpcSpringGrpcServerAutoConfiguration}: the Spring gRPC side of
 * the seam.
 *
 * @author health-grpc authors
 */
class HealthGrpcSpringGrpcServerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
				HealthGrpcInterceptorsAutoConfiguration.class, HealthGrpcSpringGrpcServerAutoConfiguration.class,
				GrpcServerServicesAutoConfiguration.class, GrpcServerAutoConfiguration.class))
		.withBean(SslBundles.class, DefaultSslBundleRegistry::new)
		.withBean("echo", BindableService.class, () -> new EchoGrpc.EchoImplBase() {
		})
		.withPropertyValues("spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1");

	@Test
	void theFeaturesInterceptorsAreGlobalAndTakeTheirPlaceAmongTheOthers() {
		this.runner.withUserConfiguration(UserInterceptors.class).run((context) -> {
			List<ServerInterceptor> global = ApplicationContextBeanLookupUtils.getBeansWithAnnotation(context,
					ServerInterceptor.class, GlobalServerInterceptor.class);
			assertThat(global).extracting(HealthGrpcSpringGrpcServerAutoConfigurationTests::name)
				.containsSubsequence("before", DeadlineServerInterceptor.class.getSimpleName(), "between",
						ExceptionStatusServerInterceptor.class.getSimpleName(), "after");
			// the registrations themselves are not global a second time
			assertThat(global).filteredOn(ServerInterceptorRegistration.class::isInstance).hasSize(2);
		});
	}

	@Test
	void theServerAsConfiguredIsSpringBootsWithItsDefaultPort() {
		this.runner.withPropertyValues("spring.grpc.server.port=9191").run((context) -> {
			ConfiguredGrpcServer server = context.getBean(ConfiguredGrpcServer.class);
			assertThat(server.address()).isEqualTo("127.0.0.1");
			assertThat(server.port()).hasValue(9191);
			assertThat(server.tls()).isFalse();
			assertThat(server.integration()).isEqualTo("Spring Boot gRPC");
		});
		this.runner.withPropertyValues("spring.grpc.server.port=0")
			.run((context) -> assertThat(context.getBean(ConfiguredGrpcServer.class).port()).isEmpty());
	}

	@Test
	void tlsIsOnAsSpringBootDecidesIt() {
		GrpcServerProperties properties = new GrpcServerProperties();
		assertThat(new SpringGrpcConfiguredServer(properties, null).tls()).isFalse();
		properties.getSsl().setBundle("server");
		assertThat(new SpringGrpcConfiguredServer(properties, null).tls()).isTrue();
		properties.getSsl().setEnabled(false);
		assertThat(new SpringGrpcConfiguredServer(properties, null).tls()).isFalse();
	}

	@Test
	void theServersTlsNamesSpringBootsPropertiesAndReadsTheBundlesCertificate() throws Exception {
		TestCertificates certificates = TestCertificates.shared();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
			store.load(in, certificates.password().toCharArray());
		}
		DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();
		bundles.registerBundle("server", SslBundle.of(SslStoreBundle.of(store, certificates.password(), null),
				SslBundleKey.of(certificates.password(), "server")));
		bundles.registerBundle("keyless", SslBundle.of(SslStoreBundle.of(store, certificates.password(), null)));
		GrpcServerProperties properties = new GrpcServerProperties();
		assertThat(new SpringGrpcConfiguredServer(properties, bundles).serverTls().certificate()).isNull();
		properties.getSsl().setBundle("server");
		properties.getSsl().setClientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
		ServerTls tls = new SpringGrpcConfiguredServer(properties, bundles).serverTls();
		assertThat(tls.enabled()).isTrue();
		assertThat(CertificateNames.names(tls.certificate(), "127.0.0.1")).isTrue();
		assertThat(tls.clientCertificateRequired()).isTrue();
		assertThat(tls)
			.extracting(ServerTls::enabledProperty, ServerTls::certificateProperty, ServerTls::clientAuthProperty)
			.containsExactly("spring.grpc.server.ssl.enabled", "spring.grpc.server.ssl.bundle",
					"spring.grpc.server.ssl.client-auth");
		// no alias named: the store's key entry
		properties.getSsl().setBundle("keyless");
		assertThat(new SpringGrpcConfiguredServer(properties, bundles).serverTls().certificate()).isNotNull();
		// a bundle that does not exist: Spring Boot fails the server's start, not this
		properties.getSsl().setBundle("missing");
		assertThat(new SpringGrpcConfiguredServer(properties, bundles).serverTls().certificate()).isNull();
	}

	@Test
	void aDomainSocketServerHasNoPortToTell() {
		GrpcServerProperties properties = new GrpcServerProperties();
		assertThat(new SpringGrpcConfiguredServer(properties, null).port()).hasValue(9090);
		properties.getNetty().setDomainSocketPath("/tmp/grpc.sock");
		assertThat(new SpringGrpcConfiguredServer(properties, null).port()).isEmpty();
		assertThat(new SpringGrpcConfiguredServer(properties, null).address()).isNull();
	}

	@Test
	void exceptionsThatTheApplicationsHandlersAnswerAreLeftToThem() {
		this.runner
			.withBean(GrpcExceptionHandler.class,
					() -> (ex) -> (ex instanceof ArithmeticException) ? Status.OUT_OF_RANGE.asException() : null)
			.run((context) -> {
				OuterExceptionHandler outer = context.getBean(OuterExceptionHandler.class);
				assertThat(outer.handles(new ArithmeticException())).isTrue();
				assertThat(outer.handles(new IllegalStateException())).isFalse();
			});
	}

	@Test
	void withoutHandlersHealthGrpcMapsEveryException() {
		this.runner.run((context) -> assertThat(
				context.getBean(OuterExceptionHandler.class).handles(new IllegalStateException()))
			.isFalse());
	}

	@Test
	void healthRpcsGoPastBothExceptionInterceptorsAndEveryOtherRpcThroughThem() {
		this.runner.run((context) -> {
			ServerInterceptor springs = context.getBean("grpcGlobalExceptionHandlerInterceptor",
					ServerInterceptor.class);
			assertThat(springs).isInstanceOfSatisfying(HealthExemptServerInterceptor.class,
					(exempt) -> assertThat(exempt.getDelegate()).isInstanceOf(GrpcExceptionHandlerInterceptor.class));
			assertThat(context.getBeansOfType(ServerInterceptorRegistration.class).values())
				.extracting(ServerInterceptorRegistration::getInterceptor)
				.filteredOn(HealthExemptServerInterceptor.class::isInstance)
				.isNotEmpty()
				.allSatisfy((exempt) -> assertThat(((HealthExemptServerInterceptor) exempt).getDelegate())
					.isInstanceOf(ExceptionStatusServerInterceptor.class));
		});
		this.runner.withPropertyValues("health-grpc.health.enabled=false")
			.run((context) -> assertThat(context.getBean("grpcGlobalExceptionHandlerInterceptor"))
				.isInstanceOf(GrpcExceptionHandlerInterceptor.class));
	}

	@Test
	void withoutHealthGrpcNothingIsAdded() {
		this.runner.withPropertyValues("health-grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConfiguredGrpcServer.class)
				.doesNotHaveBean(ServerInterceptorRegistration.class)
				.doesNotHaveBean(OuterExceptionHandler.class));
	}

	private static String name(ServerInterceptor interceptor) {
		if (interceptor instanceof ServerInterceptorRegistration registration) {
			ServerInterceptor registered = registration.getInterceptor();
			// health RPCs go past the exception interceptor
			return ((registered instanceof HealthExemptServerInterceptor exempt) ? exempt.getDelegate() : registered)
				.getClass()
				.getSimpleName();
		}
		return interceptor.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptors {

		@Bean
		@GlobalServerInterceptor
		@Order(HealthGrpcInterceptorOrder.DEADLINES - 1)
		ServerInterceptor before() {
			return named("before");
		}

		@Bean
		@GlobalServerInterceptor
		@Order(HealthGrpcInterceptorOrder.DEADLINES + 1)
		ServerInterceptor between() {
			return named("between");
		}

		@Bean
		@GlobalServerInterceptor
		@Order(HealthGrpcInterceptorOrder.EXCEPTIONS + 1)
		ServerInterceptor after() {
			return named("after");
		}

		private static ServerInterceptor named(String name) {
			return new ServerInterceptor() {

				@Override
				public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
						ServerCallHandler<Q, A> next) {
					return next.startCall(call, headers);
				}

				@Override
				public String toString() {
					return name;
				}

			};
		}

	}

}
