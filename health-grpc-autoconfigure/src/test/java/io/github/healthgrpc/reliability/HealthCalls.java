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

package io.github.healthgrpc.reliability;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import org.springframework.lang.Nullable;

/**
 * Health requests as raw bytes, how a call ended, and a Watch call a test can read and
 * cancel.
 *
 * @author health-grpc authors
 */
final class HealthCalls {

	private HealthCalls() {
	}

	static byte[] request(String name) {
		return HealthCheckRequest.newBuilder().setService(name).build().toByteArray();
	}

	/**
	 * Field 1, wire type 2, with the given bytes: what a string field looks like, with
	 * any content.
	 */
	static byte[] field1(byte... bytes) {
		return concat(new byte[] { 0x0A, (byte) bytes.length }, bytes);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * How a call ended: OK with a result, or a code and description.
	 */
	record Outcome(Status.Code code, @Nullable String description, Object result) {

		static Outcome of(StatusRuntimeException ex) {
			return new Outcome(ex.getStatus().getCode(), ex.getStatus().getDescription(), ex.getStatus().getCode());
		}

	}

	/**
	 * A Watch call: its first message or error, its latest message, whether it ended.
	 */
	static final class Watch implements ClientResponseObserver<byte[], HealthCheckResponse> {

		private final CompletableFuture<Outcome> first = new CompletableFuture<>();

		private volatile HealthCheckResponse.ServingStatus last;

		private volatile boolean ended;

		private ClientCallStreamObserver<byte[]> call;

		@Override
		public void beforeStart(ClientCallStreamObserver<byte[]> requestStream) {
			this.call = requestStream;
		}

		@Override
		public void onNext(HealthCheckResponse value) {
			this.last = value.getStatus();
			this.first.complete(new Outcome(Status.Code.OK, null, value.getStatus()));
		}

		@Override
		public void onError(Throwable t) {
			this.ended = true;
			this.first.complete(Outcome.of((StatusRuntimeException) t));
		}

		@Override
		public void onCompleted() {
			this.ended = true;
			this.first.complete(new Outcome(Status.Code.OK, "completed without a message", Status.Code.OK));
		}

		Outcome first() {
			return this.first.orTimeout(10, TimeUnit.SECONDS).join();
		}

		HealthCheckResponse.ServingStatus last() {
			return this.last;
		}

		boolean ended() {
			return this.ended;
		}

		void cancel() {
			this.call.cancel("test done", null);
		}

	}

}
