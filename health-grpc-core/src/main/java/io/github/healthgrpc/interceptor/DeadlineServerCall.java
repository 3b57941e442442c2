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

package io.github.healthgrpc.interceptor;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * The call of a handler that runs under a deadline this server set. The handler's sends
 * and closes and the deadline's own close come from different threads, and a
 * {@link ServerCall} is not thread-safe: every one of them runs through one
 * {@link SerializingExecutor}, and whatever follows the first close is dropped.
 *
 * <p>
 * Once the deadline closed the call, it reports itself cancelled, as a call whose
 * client's deadline passed does, so that a handler that checks {@link #isCancelled()}
 * stops.
 *
 * <p>
 * Thread-safe.
 *
 * @param <ReqT> request type
 * @param <RespT> response type
 * @author health-grpc authors
 */
final class DeadlineServerCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

	private final SerializingExecutor serializer = new SerializingExecutor();

	// written inside the serializer only
	private boolean closed;

	private volatile boolean overran;

	DeadlineServerCall(ServerCall<ReqT, RespT> delegate) {
		super(delegate);
	}

	@Override
	public void sendHeaders(Metadata headers) {
		this.serializer.execute(() -> {
			if (!this.closed) {
				super.sendHeaders(headers);
			}
		});
	}

	@Override
	public void sendMessage(RespT message) {
		this.serializer.execute(() -> {
			if (!this.closed) {
				super.sendMessage(message);
			}
		});
	}

	@Override
	public void close(Status status, Metadata trailers) {
		this.serializer.execute(() -> {
			if (!this.closed) {
				this.closed = true;
				super.close(status, trailers);
			}
		});
	}

	@Override
	public boolean isCancelled() {
		return this.overran || super.isCancelled();
	}

	/**
	 * Close the call with DEADLINE_EXCEEDED unless it is closed already.
	 * @param status the DEADLINE_EXCEEDED status
	 * @param onClosed what to do once this closed it
	 */
	void overrun(Status status, Runnable onClosed) {
		this.serializer.execute(() -> {
			if (!this.closed) {
				this.closed = true;
				// before the close: whatever the close sets off already sees the call
				// cancelled
				this.overran = true;
				super.close(status, new Metadata());
				onClosed.run();
			}
		});
	}

	boolean hasOverrun() {
		return this.overran;
	}

}
