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

package io.github.healthgrpc.test.consul;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an HTTP check's answer: its first {@value #MAX_OUTPUT} bytes (Consul's
 * default {@code OutputMaxSize}), after which the rest is not read and the connection is
 * dropped, so that an endless body costs nothing; cancelled at the probe's deadline.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class HttpProbeBody {

	static final int MAX_OUTPUT = 4096;

	private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(201, "Created"),
			Map.entry(202, "Accepted"), Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"),
			Map.entry(302, "Found"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
			Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
			Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
			Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

	private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

	private final CompletableFuture<String> text = new CompletableFuture<>();

	// guarded by this
	private Flow.Subscription subscription;

	// guarded by this
	private boolean cancelled;

	private volatile int statusCode;

	/**
	 * The reason phrase Go's {@code http.StatusText} gives a code, as Consul's output
	 * shows it ({@code 200 OK}).
	 */
	static String reason(int code) {
		return REASONS.getOrDefault(code, "");
	}

	/**
	 * The answer's status code once its headers came, else 0.
	 */
	int statusCode() {
		return this.statusCode;
	}

	/**
	 * What was kept of the body so far.
	 */
	synchronized String text() {
		return this.kept.toString(StandardCharsets.UTF_8);
	}

	HttpResponse.BodySubscriber<String> subscriber(HttpResponse.ResponseInfo info) {
		this.statusCode = info.statusCode();
		return new HttpResponse.BodySubscriber<>() {

			@Override
			public CompletionStage<String> getBody() {
				return HttpProbeBody.this.text;
			}

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				boolean cancel;
				synchronized (HttpProbeBody.this) {
					HttpProbeBody.this.subscription = subscription;
					cancel = HttpProbeBody.this.cancelled;
				}
				if (cancel) {
					subscription.cancel();
				}
				else {
					subscription.request(1);
				}
			}

			@Override
			public void onNext(List<ByteBuffer> buffers) {
				boolean full = false;
				synchronized (HttpProbeBody.this) {
					for (ByteBuffer buffer : buffers) {
						int room = MAX_OUTPUT - HttpProbeBody.this.kept.size();
						int n = Math.min(room, buffer.remaining());
						byte[] bytes = new byte[n];
						buffer.get(bytes);
						HttpProbeBody.this.kept.write(bytes, 0, n);
						full = HttpProbeBody.this.kept.size() >= MAX_OUTPUT;
						if (full) {
							break;
						}
					}
				}
				if (full) {
					cancel();
				}
				else {
					HttpProbeBody.this.subscription.request(1);
				}
			}

			@Override
			public void onError(Throwable error) {
				finish();
			}

			@Override
			public void onComplete() {
				finish();
			}

		};
	}

	/**
	 * Stop reading: what came so far is the output.
	 */
	void cancel() {
		Flow.Subscription current;
		synchronized (this) {
			this.cancelled = true;
			current = this.subscription;
		}
		if (current != null) {
			current.cancel();
		}
		finish();
	}

	private void finish() {
		this.text.complete(text());
	}

}
