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

package io.github.healthgrpc.integration.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.health.ServingStatus;
import io.github.healthgrpc.health.v1.HealthListRequest;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Health stubs injected with net.devh's {@code @GrpcClient}, over a real server, with
 * every kind of address.
 *
 * @author health-grpc authors
 */
class ClientInjectionIntegrationTests {

	private static final HealthCheckRequest OVERALL = HealthCheckRequest.getDefaultInstance();

	private final Started started = new Started();

	private Backend backend;

	@BeforeEach
	void start() throws Exception {
		this.backend = this.started.backend("only");
		this.backend.health().setStatus("test.v1.Echo", ServingStatus.SERVING);
	}

	@AfterEach
	void stop() throws Exception {
		this.started.close();
	}

	@Test
	void everyKindOfHealthStubIsInjectedIntoFields() throws Exception {
		InjectionApplication.FieldInjected stubs = run(ClientApplication.staticAddress(this.backend))
			.getBean(InjectionApplication.FieldInjected.class);
		assertThat(stubs.blocking.withDeadlineAfter(5, TimeUnit.SECONDS).check(OVERALL).getStatus())
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(
				stubs.future.withDeadlineAfter(5, TimeUnit.SECONDS).check(OVERALL).get(5, TimeUnit.SECONDS).getStatus())
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(stubs.blockingV2.withDeadlineAfter(5, TimeUnit.SECONDS).check(OVERALL).getStatus())
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(stubs.withList.withDeadlineAfter(5, TimeUnit.SECONDS)
			.list(HealthListRequest.getDefaultInstance())
			.getStatusesMap()).containsKeys("", "test.v1.Echo");
		CompletableFuture<HealthCheckResponse> first = new CompletableFuture<>();
		io.grpc.Context.CancellableContext watching = io.grpc.Context.current().withCancellation();
		try {
			watching.run(() -> stubs.async.watch(OVERALL, new StreamObserver<>() {

				@Override
				public void onNext(HealthCheckResponse response) {
					first.complete(response);
				}

				@Override
				public void onError(Throwable failure) {
					first.completeExceptionally(failure);
				}

				@Override
				public void onCompleted() {
				}

			}));
			assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		}
		finally {
			watching.cancel(null);
		}
	}

	@Test
	void aHealthStubIsInjectedThroughAConstructorAndAsABean() {
		ConfigurableApplicationContext context = run(ClientApplication.staticAddress(this.backend));
		assertThat(context.getBean(InjectionApplication.ConstructorInjected.class).health
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(OVERALL)
			.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(context.getBean("backendsHealth", io.grpc.health.v1.HealthGrpc.HealthBlockingStub.class)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(OVERALL)
			.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "static://", "dns:///", "discovery:///" })
	void everyKindOfAddressReachesTheServer(String scheme) {
		List<String> properties = new ArrayList<>();
		if (scheme.equals("discovery:///")) {
			properties.addAll(ClientApplication.discovered(this.backend));
		}
		else {
			properties.add("grpc.client.backends.address=" + scheme + this.backend.hostAndPort());
		}
		InjectionApplication.FieldInjected stubs = run(properties).getBean(InjectionApplication.FieldInjected.class);
		assertThat(stubs.blocking.withDeadlineAfter(5, TimeUnit.SECONDS).check(OVERALL).getStatus())
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void aServiceChecksItsDependencyBeforeCallingIt() {
		InjectionApplication.GuardedEcho guarded = run(ClientApplication.staticAddress(this.backend))
			.getBean(InjectionApplication.GuardedEcho.class);
		assertThat(guarded.echo("hi")).isEqualTo("only");
		assertThat(this.backend.echoCalls()).isEqualTo(1);
		this.backend.health().setStatus("test.v1.Echo", ServingStatus.NOT_SERVING);
		assertThat(guarded.echo("hi")).isEqualTo("unavailable");
		assertThat(this.backend.echoCalls()).isEqualTo(1);
		this.backend.health().setStatus("test.v1.Echo", ServingStatus.SERVING);
		assertThat(guarded.echo("hi")).isEqualTo("only");
		assertThat(this.backend.echoCalls()).isEqualTo(2);
	}

	private ConfigurableApplicationContext run(String... properties) {
		return run(List.of(properties));
	}

	private ConfigurableApplicationContext run(List<String> properties) {
		return this.started.context(InjectionApplication.class, properties);
	}

}
