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

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Marks the trailers of every failed call as a downstream's, so that
 * {@link ExceptionStatusServerInterceptor} recognises its status when a handler lets it
 * propagate, thrown or passed to {@code onError}, and keeps the downstream's description
 * (grpc-java's names the downstream's address) and trailers from the caller. The mark
 * never leaves this process.
 *
 * <p>
 * health-grpc adds it to every net.devh channel; add it to channels you build yourself.
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class DownstreamStatusClientInterceptor implements ClientInterceptor {

	/**
	 * Trailer key of the mark.
	 */
	public static final Metadata.Key<String> MARKER = Metadata.Key.of("health-grpc-downstream",
			Metadata.ASCII_STRING_MARSHALLER);

	@Override
	public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
			CallOptions callOptions, Channel next) {
		return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

			@Override
			public void start(Listener<RespT> responseListener, Metadata headers) {
				super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(responseListener) {

					@Override
					public void onClose(Status status, Metadata trailers) {
						if (!status.isOk()) {
							trailers.put(MARKER, "1");
						}
						super.onClose(status, trailers);
					}

				}, headers);
			}

		};
	}

	static boolean isMarked(Metadata trailers) {
		return trailers.containsKey(MARKER);
	}

	static void unmark(Metadata trailers) {
		trailers.discardAll(MARKER);
	}

}
