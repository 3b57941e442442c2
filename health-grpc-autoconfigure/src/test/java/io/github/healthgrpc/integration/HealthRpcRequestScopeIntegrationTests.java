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

package io.github.healthgrpc.integration;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import net.devh.boot.grpc.common.util.InterceptorOrder;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
import net.devh.boot.grpc.server.scope.GrpcRequestScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health RPCs and net.devh's {@code grpcRequest} scope, over real Netty: health RPCs go
 * past it by default, every other call still runs in it, and health RPCs run in it too
 * when {@code health-grpc.health.request-scope.enabled} is true.
 *
 * @author health-grpc authors
 */
class HealthRpcRequestScopeIntegrationTests {

	private static final String CHECK = HealthGrpc.getCheckMethod().getFullMethodName();

	private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

	private static final String UNARY = CallsGrpc.getUnaryMethod().getFullMethodName();

	@Nested
	@SpringBootTest(classes = InterceptorsTestApplication.class,
			properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
					"spring.main.web-application-type=none", "health-grpc.health.lifecycle.drain-delay=0" })
	@Import(ScopeProbe.class)
	@DirtiesContext
	class ByDefault extends Calls {

		@Test
		void healthRpcsRunOutsideTheRequestScopeOtherCallsInside() {
			Map<String, Boolean> scoped = callHealthAndCalls();
			assertThat(scoped).containsEntry(CHECK, false).containsEntry(WATCH, false).containsEntry(UNARY, true);
		}

	}

	@Nested
	@SpringBootTest(classes = InterceptorsTestApplication.class,
			properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1",
					"spring.main.web-application-type=none", "health-grpc.health.lifecycle.drain-delay=0",
					"health-grpc.health.request-scope.enabled=true" })
	@Import(ScopeProbe.class)
	@DirtiesContext
	class WhenEnabled extends Calls {

		@Test
		void healthRpcsRunInTheRequestScopeLikeAnyOtherCall() {
			Map<String, Boolean> scoped = callHealthAndCalls();
			assertThat(scoped).containsEntry(CHECK, true).containsEntry(WATCH, true).containsEntry(UNARY, true);
		}

	}

	abstract static class Calls {

		@Autowired
		private GrpcServerProperties server;

		@Autowired
		private ScopeProbe probe;

		private ManagedChannel channel;

		@BeforeEach
		void connect() {
			this.channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.server.getPort()))
				.usePlaintext()
				.build();
		}

		@AfterEach
		void disconnect() throws InterruptedException {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

		/** Whether each method ran in the request scope, once each has been called. */
		Map<String, Boolean> callHealthAndCalls() {
			assertThat(HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.watch(HealthCheckRequest.getDefaultInstance());
			assertThat(watch.next().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
			CallsGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.unary(EchoRequest.newBuilder().setText("fine").build());
			// the probe records each call before the service answers it
			return this.probe.scoped;
		}

	}

	/**
	 * Right after net.devh's request scope: records, per method, whether the call can
	 * reach a request-scoped bean.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ScopeProbe {

		final Map<String, Boolean> scoped = new ConcurrentHashMap<>();

		@Bean
		@GrpcGlobalServerInterceptor
		@Order(InterceptorOrder.ORDER_FIRST + 1)
		ServerInterceptor scopeProbe(ConfigurableListableBeanFactory beanFactory) {
			GrpcRequestScope scope = (GrpcRequestScope) beanFactory
				.getRegisteredScope(GrpcRequestScope.GRPC_REQUEST_SCOPE_NAME);
			return new ServerInterceptor() {

				@Override
				public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
						ServerCallHandler<Q, A> next) {
					ScopeProbe.this.scoped.put(call.getMethodDescriptor().getFullMethodName(), inScope(scope));
					return next.startCall(call, headers);
				}

			};
		}

		private static boolean inScope(GrpcRequestScope scope) {
			try {
				scope.get("healthGrpcScopeProbe", Object::new);
				return true;
			}
			catch (IllegalStateException ex) {
				return false;
			}
		}

	}

}
