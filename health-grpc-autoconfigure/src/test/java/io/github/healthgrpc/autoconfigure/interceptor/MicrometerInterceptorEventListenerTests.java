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

package io.github.healthgrpc.autoconfigure.interceptor;

import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerInterceptorEventListener}.
 *
 * @author health-grpc authors
 */
class MicrometerInterceptorEventListenerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerInterceptorEventListener listener = new MicrometerInterceptorEventListener(this.registry);

	@Test
	void countsMappedExceptionsByMethodCodeAndExceptionType() {
		this.listener.exceptionMapped("a.Svc/Call", Status.Code.NOT_FOUND, new java.util.NoSuchElementException());
		this.listener.exceptionMapped("a.Svc/Call", Status.Code.NOT_FOUND, new java.util.NoSuchElementException());
		assertThat(this.registry.get("grpc.server.exceptions")
			.tag("method", "a.Svc/Call")
			.tag("code", "NOT_FOUND")
			.tag("exception", "NoSuchElementException")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void anAnonymousExceptionClassStillHasANamedTag() {
		this.listener.exceptionMapped("a.Svc/Call", Status.Code.INTERNAL, new IllegalStateException() {
		});
		assertThat(this.registry.get("grpc.server.exceptions").counter().getId().getTag("exception"))
			.isEqualTo("MicrometerInterceptorEventListenerTests$1");
	}

	@Test
	void countsDeadlineOutcomes() {
		this.listener.deadlineRejected("a.Svc/Call");
		this.listener.deadlineExceeded("a.Svc/Call");
		this.listener.deadlineExceeded("a.Svc/Call");
		assertThat(this.registry.get("grpc.server.deadline").tag("outcome", "rejected").counter().count()).isOne();
		assertThat(this.registry.get("grpc.server.deadline").tag("outcome", "exceeded").counter().count()).isEqualTo(2);
	}

}
