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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;

import org.springframework.util.Assert;

/**
 * Gives unary calls that have no deadline a default one, computed when the call starts
 * (not when the stub was created, the pitfall of {@code withDeadlineAfter} on a shared
 * stub). grpc-java keeps it from outliving the deadline of the call being handled (the
 * current {@code Context}'s). Streaming calls, Health Watch among them, are left alone.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class DefaultDeadlineClientInterceptor implements ClientInterceptor {

	private final long timeoutNanos;

	private final Deadline.Ticker ticker;

	/**
	 * Create the interceptor.
	 * @param timeout the default deadline, from the start of each call
	 */
	public DefaultDeadlineClientInterceptor(Duration timeout) {
		this(timeout, Deadline.getSystemTicker());
	}

	DefaultDeadlineClientInterceptor(Duration timeout, Deadline.Ticker ticker) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.timeoutNanos = timeout.toNanos();
		this.ticker = ticker;
	}

	@Override
	public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
			CallOptions callOptions, Channel next) {
		if (callOptions.getDeadline() == null && method.getType() == MethodDescriptor.MethodType.UNARY) {
			// grpc-java itself never lets the call outlive the Context's (the handled
			// call's) deadline
			callOptions = callOptions
				.withDeadline(Deadline.after(this.timeoutNanos, TimeUnit.NANOSECONDS, this.ticker));
		}
		return next.newCall(method, callOptions);
	}

}
