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
package io.github.healthgrpc.autoconfigure.netdevh;

import java.nio.file.Path;
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
import io.github.healthgrpc.reliability.TestCertificates;
import io.github.healthgrpc.server.ServerInterceptorRegistration;
import io.github.healthgrpc.server.ServerTls;
import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.advice.GrpcAdvice;
import net.devh.boot.grpc.server.advice.GrpcExceptionHandler;
import net.devh.boot.grpc.server.autoconfigure.GrpcAdviceAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.config.ClientAuth;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import net.devh.boot.grpc.server.scope.GrpcRequestScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthGrpcNetDevhServerAutoConfiguration}: the net.devh side of the
 * seam.
 *
 * @author health-grpc authors
 */
class HealthGrpcNetDevhServerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthGrpcAutoConfiguration.class,
				HealthGrpcInterceptorsAutoConfiguration.class, HealthGrpcNetDevhServerAutoConfiguration.class,
				GrpcServerAutoConfiguration.class, GrpcAdviceAutoConfiguration.class))
		.withPropertyValues("grpc.server.port=0", "grpc.server.address=127.0.0.1");

	@Test
	void theServersTlsNamesNetDevhsPropertiesAndReadsItsCertificate(@TempDir Path dir) throws Exception {
		TestCertificates certificates = TestCertificates.create(dir);
		GrpcServerProperties properties = new GrpcServerProperties();
		ServerTls plaintext = new NetDevhConfiguredServer(properties).serverTls();
		assertThat(plaintext.enabled()).isFalse();
		assertThat(plaintext.certificate()).isNull();
		properties.getSecurity().setEnabled(true);
		properties.getSecurity().setCertificateChain(new FileSystemResource(certificates.serverChain()));
		properties.getSecurity().setClientAuth(ClientAuth.REQUIRE);
		ServerTls tls = new NetDevhConfiguredServer(properties).serverTls();
		assertThat(tls.enabled()).isTrue();
		assertThat(CertificateNames.names(tls.certificate(), "127.0.0.1")).isTrue();
		assertThat(tls.clientCertificateRequired()).isTrue();
		assertThat(tls)
			.extracting(ServerTls::enabledProperty, ServerTls::certificateProperty, ServerTls::clientAuthProperty,
					ServerTls::trustProperty)
			.containsExactly("grpc.server.security.enabled", "grpc.server.security.certificate-chain",
					"grpc.server.security.client-auth", "grpc.server.security.trust-cert-collection");
		// a chain the server cannot read either
		properties.getSecurity().setCertificateChain(new FileSystemResource(dir.resolve("missing.pem")));
		assertThat(new NetDevhConfiguredServer(properties).serverTls().certificate()).isNull();
	}

	@Test
	void theFeaturesInterceptorsTakeTheirPlaceAmongNetDevhsGlobalInterceptors() {
		this.runner.withUserConfiguration(UserInterceptors.class).run((context) -> {
			List<ServerInterceptor> interceptors = context.getBean(GlobalServerInterceptorRegistry.class)
				.getServerInterceptors();
			// net.devh's request scope comes first
			assertThat(interceptors).extracting(this::name)
				.endsWith("before", DeadlineServerInterceptor.class.getSimpleName(), "between",
						ExceptionStatusServerInterceptor.class.getSimpleName(), "after");
		});
	}

	@Test
	void healthRpcsGoPastTheRequestScopeWhichStaysFirst() {
		this.runner.run((context) -> {
			List<ServerInterceptor> interceptors = context.getBean(GlobalServerInterceptorRegistry.class)
				.getServerInterceptors();
			assertThat(interceptors).noneMatch(GrpcRequestScope.class::isInstance);
			assertThat(interceptors.get(0))
				.isInstanceOf(HealthExemptRequestScopeConfigurer.HealthExemptRequestScope.class)
				.hasToString("HealthExempt(" + context.getBean(GrpcRequestScope.class) + ")");
		});
	}

	@Test
	void healthRpcsRunInTheRequestScopeWhenItIsEnabledForThem() {
		this.runner.withPropertyValues("health-grpc.health.request-scope.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(HealthExemptRequestScopeConfigurer.class);
			assertThat(context.getBean(GlobalServerInterceptorRegistry.class).getServerInterceptors().get(0))
				.isSameAs(context.getBean(GrpcRequestScope.class));
		});
	}

	@Test
	void theServerAsConfiguredIsNetDevhsWithThePortItPicked() {
		this.runner.withPropertyValues("grpc.server.security.enabled=false").run((context) -> {
			ConfiguredGrpcServer server = context.getBean(ConfiguredGrpcServer.class);
			assertThat(server.address()).isEqualTo("127.0.0.1");
			assertThat(server.port()).isPresent();
			assertThat(server.port().getAsInt()).isPositive();
			assertThat(server.tls()).isFalse();
		});
	}

	@Test
	void anInProcessOnlyServerHasNoPortToTell() {
		this.runner.withPropertyValues("grpc.server.port=-1", "grpc.server.in-process-name=test")
			.run((context) -> assertThat(context.getBean(ConfiguredGrpcServer.class).port()).isEmpty());
	}

	@Test
	void exceptionsThatAGrpcAdviceHandlesAreLeftToIt() {
		this.runner.withUserConfiguration(Advice.class).run((context) -> {
			OuterExceptionHandler outer = context.getBean(OuterExceptionHandler.class);
			assertThat(outer.handles(new ArithmeticException())).isTrue();
			assertThat(outer.handles(new IllegalStateException())).isFalse();
		});
	}

	@Test
	void withoutAGrpcAdviceHealthGrpcMapsEveryException() {
		this.runner.run((context) -> assertThat(context.getBean(OuterExceptionHandler.class))
			.isSameAs(OuterExceptionHandler.NONE));
	}

	private String name(ServerInterceptor interceptor) {
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

		@GrpcGlobalServerInterceptor
		@Order(HealthGrpcInterceptorOrder.DEADLINES - 1)
		ServerInterceptor before() {
			return named("before");
		}

		@GrpcGlobalServerInterceptor
		@Order(HealthGrpcInterceptorOrder.DEADLINES + 1)
		ServerInterceptor between() {
			return named("between");
		}

		@GrpcGlobalServerInterceptor
		@Order(HealthGrpcInterceptorOrder.EXCEPTIONS + 1)
		ServerInterceptor after() {
			return named("after");
		}

		private static ServerInterceptor named(String name) {
			return new ServerInterceptor() {

				@Override
				public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call,
						io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, A> next) {
					return next.startCall(call, headers);
				}

				@Override
				public String toString() {
					return name;
				}

			};
		}

	}

	@GrpcAdvice
	static class Advice {

		@GrpcExceptionHandler(ArithmeticException.class)
		io.grpc.Status arithmetic(ArithmeticException ex) {
			return io.grpc.Status.INVALID_ARGUMENT;
		}

	}

}
