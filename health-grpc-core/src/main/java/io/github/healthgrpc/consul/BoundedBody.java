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

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body read as UTF-8 text up to a limit: a proxy or a broken agent that sends
 * more fails the call instead of filling the heap.
 *
 * <p>
 * Used by one exchange: the HTTP client calls it from one thread at a time.
 *
 * @author health-grpc authors
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

	private final int limit;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final CompletableFuture<String> body = new CompletableFuture<>();

	private Flow.Subscription subscription;

	private BoundedBody(int limit) {
		this.limit = limit;
	}

	/**
	 * Return a handler that reads each body up to a limit.
	 * @param limit the most bytes read
	 * @return the handler
	 */
	static HttpResponse.BodyHandler<String> upTo(int limit) {
		return (info) -> new BoundedBody(limit);
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.body.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			if (this.bytes.size() + buffer.remaining() > this.limit) {
				this.subscription.cancel();
				this.body
					.completeExceptionally(new ConsulAgentException("answer longer than " + this.limit + " bytes"));
				return;
			}
			byte[] chunk = new byte[buffer.remaining()];
			buffer.get(chunk);
			this.bytes.write(chunk, 0, chunk.length);
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.body.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		this.body.complete(this.bytes.toString(StandardCharsets.UTF_8));
	}

	@Override
	public CompletionStage<String> getBody() {
		return this.body;
	}

}
