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

import java.util.function.Predicate;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Closes a call whose handler failed with the status its exception maps to, exactly once,
 * in every call kind: exceptions thrown while the call starts (client and bidi
 * streaming), from {@code onMessage}, {@code onHalfClose}, {@code onReady} (unary and
 * server streaming run there), after headers or messages were sent, and exceptions a
 * handler passes to {@code responseObserver.onError}.
 *
 * <p>
 * {@link StatusException} and {@link StatusRuntimeException} pass through with their own
 * status and trailers. Exceptions that {@code handledElsewhere} claims (a net.devh
 * {@code @GrpcAdvice} handler) are rethrown for that handler. Everything else is mapped
 * by the {@link ExceptionStatusMapper} (INTERNAL when it has no answer) and answered by
 * the {@link ErrorResponseFactory}: no stack trace or internal message ever reaches the
 * client.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ExceptionStatusServerInterceptor implements ServerInterceptor {

	private static final Log logger = LogFactory.getLog(ExceptionStatusServerInterceptor.class);

	private final ExceptionStatusMapper mapper;

	private final ErrorResponseFactory responses;

	private final Predicate<Throwable> handledElsewhere;

	private final InterceptorEventListener events;

	/**
	 * Create the interceptor.
	 * @param mapper chooses the code
	 * @param responses builds the status and trailers
	 * @param handledElsewhere exceptions to rethrow for another handler
	 * @param events hears every mapped exception
	 */
	public ExceptionStatusServerInterceptor(ExceptionStatusMapper mapper, ErrorResponseFactory responses,
			Predicate<Throwable> handledElsewhere, InterceptorEventListener events) {
		Assert.notNull(mapper, "'mapper' must not be null");
		Assert.notNull(responses, "'responses' must not be null");
		this.mapper = mapper;
		this.responses = responses;
		this.handledElsewhere = handledElsewhere;
		this.events = events;
	}

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		MappingCall<ReqT, RespT> guarded = new MappingCall<>(call);
		ServerCall.Listener<ReqT> delegate;
		try {
			delegate = next.startCall(guarded, headers);
		}
		catch (Exception ex) {
			guarded.fail(ex, true);
			return new ServerCall.Listener<>() {
			};
		}
		return new GuardedListener<>(delegate, guarded);
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E rethrow(Throwable exception) throws E {
		throw (E) exception;
	}

	private static boolean isStatusException(Throwable exception) {
		return exception instanceof StatusException || exception instanceof StatusRuntimeException;
	}

	private final class MappingCall<ReqT, RespT> extends CloseOnceServerCall<ReqT, RespT> {

		MappingCall(ServerCall<ReqT, RespT> delegate) {
			super(delegate);
		}

		@Override
		public void close(Status status, Metadata trailers) {
			Throwable cause = status.getCause();
			// what grpc-java makes of responseObserver.onError(exception): UNKNOWN with
			// the exception as cause
			if (status.getCode() == Status.Code.UNKNOWN && cause != null && !isStatusException(cause)
					&& status.getDescription() == null) {
				fail(cause, false);
				return;
			}
			super.close(status, trailers);
		}

		void fail(Throwable exception, boolean thrown) {
			if (thrown && ExceptionStatusServerInterceptor.this.handledElsewhere.test(exception)) {
				throw ExceptionStatusServerInterceptor.<RuntimeException>rethrow(exception);
			}
			if (isStatusException(exception)) {
				Metadata trailers = Status.trailersFromThrowable(exception);
				closeOnce(Status.fromThrowable(exception), (trailers != null) ? trailers : new Metadata());
				return;
			}
			Status.Code code = ExceptionStatusServerInterceptor.this.mapper.map(exception);
			code = (code != null) ? code : Status.Code.INTERNAL;
			ErrorResponse response = ExceptionStatusServerInterceptor.this.responses.create(exception, code);
			log(exception, code, response.errorId());
			ExceptionStatusServerInterceptor.this.events.exceptionMapped(getMethodDescriptor().getFullMethodName(),
					code, exception);
			if (!closeOnce(response.status(), response.trailers())) {
				logger.debug("gRPC call " + getMethodDescriptor().getFullMethodName()
						+ " was already closed when its handler failed (error id " + response.errorId() + ")");
			}
		}

		private void log(Throwable exception, Status.Code code, String errorId) {
			String method = getMethodDescriptor().getFullMethodName();
			if (ErrorResponseFactory.isHidden(code)) {
				logger.error("gRPC call " + method + " failed with " + code + " (error id " + errorId + ")", exception);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("gRPC call " + method + " failed with " + code + " (error id " + errorId + ")", exception);
			}
		}

	}

	private static final class GuardedListener<ReqT>
			extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {

		private final MappingCall<ReqT, ?> call;

		GuardedListener(ServerCall.Listener<ReqT> delegate, MappingCall<ReqT, ?> call) {
			super(delegate);
			this.call = call;
		}

		@Override
		public void onMessage(ReqT message) {
			try {
				super.onMessage(message);
			}
			catch (Exception ex) {
				// Exception, not RuntimeException: Kotlin and @SneakyThrows handlers
				// throw checked ones too
				this.call.fail(ex, true);
			}
		}

		@Override
		public void onHalfClose() {
			try {
				super.onHalfClose();
			}
			catch (Exception ex) {
				this.call.fail(ex, true);
			}
		}

		@Override
		public void onReady() {
			try {
				super.onReady();
			}
			catch (Exception ex) {
				this.call.fail(ex, true);
			}
		}

	}

}
