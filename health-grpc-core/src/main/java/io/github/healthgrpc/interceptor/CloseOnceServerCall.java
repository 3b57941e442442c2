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

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A {@link ServerCall} that closes at most once: whatever the handler sends or closes
 * after the first close (ours on an exception or an overrun deadline, or its own) is
 * dropped instead of failing.
 *
 * <p>
 * Thread-safe.
 *
 * @param <ReqT> request type
 * @param <RespT> response type
 * @author health-grpc authors
 */
class CloseOnceServerCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<CloseOnceServerCall> CLOSED = AtomicIntegerFieldUpdater
		.newUpdater(CloseOnceServerCall.class, "closed");

	// a field, not an AtomicBoolean: one object less for every call and open stream
	private volatile int closed;

	CloseOnceServerCall(ServerCall<ReqT, RespT> delegate) {
		super(delegate);
	}

	@Override
	public void sendHeaders(Metadata headers) {
		if (this.closed == 0) {
			super.sendHeaders(headers);
		}
	}

	@Override
	public void sendMessage(RespT message) {
		if (this.closed == 0) {
			super.sendMessage(message);
		}
	}

	@Override
	public void close(Status status, Metadata trailers) {
		closeOnce(status, trailers);
	}

	/**
	 * Close the call unless it is closed already.
	 * @param status the status
	 * @param trailers the trailers
	 * @return whether this call closed it
	 */
	boolean closeOnce(Status status, Metadata trailers) {
		if (!CLOSED.compareAndSet(this, 0, 1)) {
			return false;
		}
		super.close(status, trailers);
		return true;
	}

}
