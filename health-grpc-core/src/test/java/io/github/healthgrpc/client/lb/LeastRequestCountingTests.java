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

package io.github.healthgrpc.client.lb;

import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Attributes;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The count of calls under way that {@code least_request} compares: every stream counted
 * once, while it exists, whatever order grpc-java reports it in.
 *
 * @author health-grpc authors
 */
class LeastRequestCountingTests {

	private final AtomicInteger active = new AtomicInteger();

	@Test
	void aStreamCountsFromItsCreationUntilItsClose() {
		ClientStreamTracer tracer = tracer();
		tracer.streamCreated(Attributes.EMPTY, new Metadata());
		assertThat(this.active).hasValue(1);
		tracer.streamClosed(Status.OK);
		assertThat(this.active).hasValue(0);
	}

	@Test
	void aStreamThatFailedBeforeItWasCreatedNeverCounts() {
		// grpc-java closes a stream that failed to start without creating it
		ClientStreamTracer tracer = tracer();
		tracer.streamClosed(Status.UNAVAILABLE);
		assertThat(this.active).hasValue(0);
		ClientStreamTracer other = tracer();
		other.streamCreated(Attributes.EMPTY, new Metadata());
		assertThat(this.active).hasValue(1);
	}

	@Test
	void aRepeatedCloseOrCreateCountsOnce() {
		ClientStreamTracer tracer = tracer();
		tracer.streamCreated(Attributes.EMPTY, new Metadata());
		tracer.streamCreated(Attributes.EMPTY, new Metadata());
		assertThat(this.active).hasValue(1);
		tracer.streamClosed(Status.OK);
		tracer.streamClosed(Status.OK);
		assertThat(this.active).hasValue(0);
	}

	@Test
	void theTracerAPickAlreadyHadStillHearsEverything() {
		AtomicInteger heard = new AtomicInteger();
		ClientStreamTracer.Factory inner = new ClientStreamTracer.Factory() {

			@Override
			public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
				return new ClientStreamTracer() {

					@Override
					public void streamCreated(Attributes transportAttrs, Metadata headers) {
						heard.incrementAndGet();
					}

					@Override
					public void streamClosed(Status status) {
						heard.incrementAndGet();
					}

				};
			}

		};
		ClientStreamTracer tracer = new LeastRequestLoadBalancerProvider.CountingTracerFactory(this.active, inner)
			.newClientStreamTracer(ClientStreamTracer.StreamInfo.newBuilder().build(), new Metadata());
		tracer.streamCreated(Attributes.EMPTY, new Metadata());
		tracer.streamClosed(Status.OK);
		assertThat(heard).hasValue(2);
		assertThat(this.active).hasValue(0);
	}

	private ClientStreamTracer tracer() {
		return new LeastRequestLoadBalancerProvider.CountingTracerFactory(this.active, null)
			.newClientStreamTracer(ClientStreamTracer.StreamInfo.newBuilder().build(), new Metadata());
	}

}
