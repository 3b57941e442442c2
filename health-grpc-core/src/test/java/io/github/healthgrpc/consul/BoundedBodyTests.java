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

package io.github.healthgrpc.consul;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An answer's body is read up to its limit, exactly: one byte more fails the call and
 * stops the reading.
 *
 * @author health-grpc authors
 */
class BoundedBodyTests {

	@Test
	void aBodyOfExactlyTheLimitIsRead() {
		Subscription subscription = new Subscription();
		CompletableFuture<String> body = read(subscription, "0123456789", "é");
		assertThat(body).isCompletedWithValue("0123456789é");
		assertThat(subscription.cancelled).isFalse();
	}

	@Test
	void aByteMoreFailsTheCallAndStopsTheReading() {
		Subscription subscription = new Subscription();
		CompletableFuture<String> body = read(subscription, "0123456789", "é!", "more");
		assertThatExceptionOfType(Exception.class).isThrownBy(body::join)
			.havingRootCause()
			.isInstanceOf(ConsulAgentException.class)
			.withMessage("answer longer than 12 bytes");
		assertThat(subscription.cancelled).isTrue();
	}

	@Test
	void aFailedExchangeFailsTheBody() {
		BoundedBody subscriber = (BoundedBody) BoundedBody.upTo(12).apply(null);
		subscriber.onSubscribe(new Subscription());
		subscriber.onError(new java.io.IOException("connection reset"));
		assertThat(subscriber.getBody().toCompletableFuture()).isCompletedExceptionally();
	}

	private static CompletableFuture<String> read(Subscription subscription, String... chunks) {
		BoundedBody subscriber = (BoundedBody) BoundedBody.upTo(12).apply(null);
		subscriber.onSubscribe(subscription);
		for (String chunk : chunks) {
			subscriber.onNext(List.of(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8))));
		}
		subscriber.onComplete();
		return subscriber.getBody().toCompletableFuture();
	}

	private static final class Subscription implements Flow.Subscription {

		private boolean cancelled;

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
			this.cancelled = true;
		}

	}

}
