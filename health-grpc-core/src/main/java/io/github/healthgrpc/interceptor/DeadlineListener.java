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

import io.grpc.Context;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;

/**
 * The listener of a call under a deadline this server set. After the deadline closed the
 * call, the handler hears what it hears when a client's deadline passes: no more
 * messages, and {@code onCancel} in place of the {@code onComplete} that the transport
 * reports for the server's own close, on the call's executor, in order with the other
 * callbacks. The deadline's {@link Context} is released when the call ends, and its timer
 * with it.
 *
 * @param <ReqT> request type
 * @author health-grpc authors
 */
final class DeadlineListener<ReqT> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {

	private final DeadlineServerCall<ReqT, ?> call;

	private final Context.CancellableContext context;

	DeadlineListener(ServerCall.Listener<ReqT> delegate, DeadlineServerCall<ReqT, ?> call,
			Context.CancellableContext context) {
		super(delegate);
		this.call = call;
		this.context = context;
	}

	@Override
	public void onMessage(ReqT message) {
		if (!this.call.hasOverrun()) {
			super.onMessage(message);
		}
	}

	@Override
	public void onHalfClose() {
		if (!this.call.hasOverrun()) {
			super.onHalfClose();
		}
	}

	@Override
	public void onReady() {
		if (!this.call.hasOverrun()) {
			super.onReady();
		}
	}

	@Override
	public void onComplete() {
		try {
			if (this.call.hasOverrun()) {
				super.onCancel();
			}
			else {
				super.onComplete();
			}
		}
		finally {
			this.context.cancel(null);
		}
	}

	@Override
	public void onCancel() {
		try {
			super.onCancel();
		}
		finally {
			this.context.cancel(null);
		}
	}

}
