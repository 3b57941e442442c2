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

package io.github.healthgrpc.health.grpc;

import java.util.concurrent.atomic.AtomicReference;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HealthExemptServerInterceptor}: health RPCs, the standard service's
 * and the legacy one's, reach the handler as they came; every other RPC goes through the
 * wrapped interceptor.
 *
 * @author health-grpc authors
 */
class HealthExemptServerInterceptorTests {

	private final AtomicReference<ServerCall<?, ?>> intercepted = new AtomicReference<>();

	private final ServerInterceptor recording = new ServerInterceptor() {

		@Override
		public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
				ServerCallHandler<Q, A> next) {
			HealthExemptServerInterceptorTests.this.intercepted.set(call);
			return next.startCall(call, headers);
		}

	};

	@Test
	void healthRpcsGoPastTheWrappedInterceptor() {
		HealthExemptServerInterceptor exempt = new HealthExemptServerInterceptor(this.recording);
		assertThat(exempt.getDelegate()).isSameAs(this.recording);
		for (MethodDescriptor<?, ?> health : new MethodDescriptor<?, ?>[] { HealthGrpc.getCheckMethod(),
				HealthGrpc.getWatchMethod(), io.github.healthgrpc.legacy.v0.HealthGrpc.getCheckMethod() }) {
			assertThat(startedCall(exempt, health)).isNotNull();
			assertThat(this.intercepted.get()).isNull();
		}
		ServerCall<?, ?> other = startedCall(exempt, EchoGrpc.getEchoMethod());
		assertThat(this.intercepted.get()).isSameAs(other);
	}

	@SuppressWarnings("unchecked")
	private <Q, A> ServerCall<?, ?> startedCall(ServerInterceptor interceptor, MethodDescriptor<Q, A> method) {
		ServerCall<Q, A> call = mock(ServerCall.class);
		given(call.getMethodDescriptor()).willReturn(method);
		AtomicReference<ServerCall<Q, A>> started = new AtomicReference<>();
		ServerCallHandler<Q, A> handler = new ServerCallHandler<Q, A>() {

			@Override
			public ServerCall.Listener<Q> startCall(ServerCall<Q, A> begun, Metadata headers) {
				started.set(begun);
				return new ServerCall.Listener<Q>() {
				};
			}

		};
		interceptor.interceptCall(call, new Metadata(), handler);
		assertThat(started.get()).isSameAs(call);
		return call;
	}

}
