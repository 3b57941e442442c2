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
 * The rules, in order:
 * <ol>
 * <li>Exceptions that {@code handledElsewhere} claims (a net.devh {@code @GrpcAdvice}
 * handler) are left to that handler, thrown or passed to {@code onError}.</li>
 * <li>UNKNOWN with a cause and no description is how grpc-java represents
 * {@code onError(exception)}, and {@code onError} of a status exception that wraps the
 * same cause looks exactly alike: both get the cause's code, never its message. A status
 * exception of that shape that is thrown gets the same answer.</li>
 * <li>A status from a downstream call (marked by
 * {@link DownstreamStatusClientInterceptor}, or thrown by grpc-java's client stubs) keeps
 * its code; its description, which names the downstream's address, and its trailers stay
 * here unless {@code propagateDownstreamStatus}. Unless switched off, it also tells the
 * caller not to retry ({@value #RETRY_PUSHBACK_HEADER} of -1, gRFC A6): the downstream
 * call was this server's to retry, and retries at every hop of a chain multiply.</li>
 * <li>Other {@link StatusException}s and {@link StatusRuntimeException}s pass through
 * with their trailers.</li>
 * <li>Everything else is mapped by the {@link ExceptionStatusMapper} (INTERNAL when it
 * has no answer) and answered by the {@link ErrorResponseFactory}. {@link Error}s are
 * INTERNAL too; those the JVM must see ({@link VirtualMachineError}s but
 * {@link StackOverflowError}) are rethrown once the call is closed.</li>
 * </ol>
 * Every description that leaves the server is bounded. An exception thrown after the call
 * was closed reaches nobody: it is logged as such and not counted.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ExceptionStatusServerInterceptor implements ServerInterceptor {

	/**
	 * Trailer by which a server tells a client whether and when to retry (gRFC A6).
	 */
	public static final String RETRY_PUSHBACK_HEADER = "grpc-retry-pushback-ms";

	private static final Metadata.Key<String> RETRY_PUSHBACK = Metadata.Key.of(RETRY_PUSHBACK_HEADER,
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Log logger = LogFactory.getLog(ExceptionStatusServerInterceptor.class);

	private final ExceptionStatusMapper mapper;

	private final ErrorResponseFactory responses;

	private final Predicate<Throwable> handledElsewhere;

	private final InterceptorEventListener events;

	private final boolean propagateDownstreamStatus;

	private final boolean downstreamRetryPushback;

	/**
	 * Create the interceptor; statuses of downstream calls keep only their code.
	 * @param mapper chooses the code
	 * @param responses builds the status and trailers
	 * @param handledElsewhere exceptions to rethrow for another handler
	 * @param events hears every mapped exception
	 */
	public ExceptionStatusServerInterceptor(ExceptionStatusMapper mapper, ErrorResponseFactory responses,
			Predicate<Throwable> handledElsewhere, InterceptorEventListener events) {
		this(mapper, responses, handledElsewhere, events, false);
	}

	/**
	 * Create the interceptor; statuses of downstream calls tell the caller not to retry.
	 * @param mapper chooses the code
	 * @param responses builds the status and trailers
	 * @param handledElsewhere exceptions to rethrow for another handler
	 * @param events hears every mapped exception
	 * @param propagateDownstreamStatus whether a downstream call's status reaches the
	 * caller with its description (bounded) and trailers
	 */
	public ExceptionStatusServerInterceptor(ExceptionStatusMapper mapper, ErrorResponseFactory responses,
			Predicate<Throwable> handledElsewhere, InterceptorEventListener events, boolean propagateDownstreamStatus) {
		this(mapper, responses, handledElsewhere, events, propagateDownstreamStatus, true);
	}

	/**
	 * Create the interceptor.
	 * @param mapper chooses the code
	 * @param responses builds the status and trailers
	 * @param handledElsewhere exceptions to rethrow for another handler
	 * @param events hears every mapped exception
	 * @param propagateDownstreamStatus whether a downstream call's status reaches the
	 * caller with its description (bounded) and trailers
	 * @param downstreamRetryPushback whether a downstream call's status tells the caller
	 * not to retry ({@value #RETRY_PUSHBACK_HEADER} of -1)
	 */
	public ExceptionStatusServerInterceptor(ExceptionStatusMapper mapper, ErrorResponseFactory responses,
			Predicate<Throwable> handledElsewhere, InterceptorEventListener events, boolean propagateDownstreamStatus,
			boolean downstreamRetryPushback) {
		Assert.notNull(mapper, "'mapper' must not be null");
		Assert.notNull(responses, "'responses' must not be null");
		this.mapper = mapper;
		this.responses = responses;
		this.handledElsewhere = handledElsewhere;
		this.events = events;
		this.propagateDownstreamStatus = propagateDownstreamStatus;
		this.downstreamRetryPushback = downstreamRetryPushback;
	}

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		MappingCall<ReqT, RespT> guarded = new MappingCall<>(call);
		ServerCall.Listener<ReqT> delegate;
		try {
			delegate = next.startCall(guarded, headers);
		}
		catch (Throwable ex) {
			guarded.thrown(ex);
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

	/**
	 * Return whether a status stands for an exception: grpc-java's representation of
	 * {@code onError(exception)}.
	 */
	private static boolean isWrappedException(Status status) {
		return status.getCode() == Status.Code.UNKNOWN && status.getDescription() == null && status.getCause() != null
				&& !isStatusException(status.getCause());
	}

	private static boolean mustPropagate(Throwable exception) {
		return exception instanceof VirtualMachineError && !(exception instanceof StackOverflowError);
	}

	private final class MappingCall<ReqT, RespT> extends CloseOnceServerCall<ReqT, RespT> {

		MappingCall(ServerCall<ReqT, RespT> delegate) {
			super(delegate);
		}

		// read when needed, on the error path only: a field would cost every call
		private String method() {
			return getMethodDescriptor().getFullMethodName();
		}

		@Override
		public void close(Status status, Metadata trailers) {
			if (isWrappedException(status)) {
				Throwable cause = status.getCause();
				if (ExceptionStatusServerInterceptor.this.handledElsewhere.test(cause)) {
					// net.devh's advice sits outside and reads the cause from this close
					super.close(status, trailers);
				}
				else {
					respond(cause, codeFor(cause), false);
				}
				return;
			}
			if (!status.isOk() && DownstreamStatusClientInterceptor.isMarked(trailers)) {
				downstream(status, trailers, status.asRuntimeException(trailers));
				return;
			}
			closeOnce(ExceptionStatusServerInterceptor.this.responses.bound(status), trailers);
		}

		/**
		 * The handler threw.
		 */
		void thrown(Throwable exception) {
			if (ExceptionStatusServerInterceptor.this.handledElsewhere.test(exception)) {
				throw ExceptionStatusServerInterceptor.<RuntimeException>rethrow(exception);
			}
			if (isStatusException(exception)) {
				thrownStatus(exception);
			}
			else {
				respond(exception, codeFor(exception), true);
			}
			if (mustPropagate(exception)) {
				throw ExceptionStatusServerInterceptor.<RuntimeException>rethrow(exception);
			}
		}

		private void thrownStatus(Throwable exception) {
			Status status = Status.fromThrowable(exception);
			Metadata trailers = Status.trailersFromThrowable(exception);
			trailers = (trailers != null) ? trailers : new Metadata();
			if (isWrappedException(status)) {
				// answered as it would be if passed to onError, where it is unknowable
				// whether the cause came alone or wrapped
				respond(status.getCause(), codeFor(status.getCause()), false);
			}
			else if (DownstreamStatusClientInterceptor.isMarked(trailers) || createdByClientStub(exception)) {
				downstream(status, trailers, exception);
			}
			else if (!closeOnce(ExceptionStatusServerInterceptor.this.responses.bound(status), trailers)) {
				logThrownAfterClose(exception);
			}
		}

		private void downstream(Status status, Metadata trailers, Throwable exception) {
			if (ExceptionStatusServerInterceptor.this.propagateDownstreamStatus) {
				DownstreamStatusClientInterceptor.unmark(trailers);
				noRetry(trailers);
				if (!closeOnce(ExceptionStatusServerInterceptor.this.responses.bound(status), trailers)) {
					logThrownAfterClose(exception);
				}
				return;
			}
			respond(exception, status.getCode(), false, true);
		}

		private void noRetry(Metadata trailers) {
			if (ExceptionStatusServerInterceptor.this.downstreamRetryPushback) {
				// replaces the downstream's own pushback, if it sent one
				trailers.discardAll(RETRY_PUSHBACK);
				trailers.put(RETRY_PUSHBACK, "-1");
			}
		}

		private Status.Code codeFor(Throwable exception) {
			Status.Code code = ExceptionStatusServerInterceptor.this.mapper.map(exception);
			return (code != null) ? code : Status.Code.INTERNAL;
		}

		private void respond(Throwable exception, Status.Code code, boolean withMessage) {
			respond(exception, code, withMessage, false);
		}

		private void respond(Throwable exception, Status.Code code, boolean withMessage, boolean downstream) {
			ErrorResponse response = ExceptionStatusServerInterceptor.this.responses.create(exception, code,
					withMessage);
			if (downstream) {
				noRetry(response.trailers());
			}
			if (closeOnce(response.status(), response.trailers())) {
				log(exception, code, response.errorId());
				ExceptionStatusServerInterceptor.this.events.exceptionMapped(method(), code, exception);
			}
			else {
				logThrownAfterClose(exception);
			}
		}

		private void log(Throwable exception, Status.Code code, String errorId) {
			if (ErrorResponseFactory.isHidden(code)) {
				logger.error("gRPC call " + method() + " failed with " + code + " (error id " + errorId + ")",
						exception);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("gRPC call " + method() + " failed with " + code + " (error id " + errorId + ")",
						exception);
			}
		}

		private void logThrownAfterClose(Throwable exception) {
			// a handler bug, but no client is waiting for it: no error id, not counted
			logger.warn("gRPC call " + method() + " threw after it was closed; its client already has a status",
					exception);
		}

	}

	/**
	 * Return whether grpc-java's client stubs made this exception (a blocking, future or
	 * async stub's call failed): its stack starts in {@code io.grpc.stub.ClientCalls}.
	 */
	private static boolean createdByClientStub(Throwable exception) {
		StackTraceElement[] stack = exception.getStackTrace();
		for (int i = 0; i < Math.min(stack.length, 8); i++) {
			if (stack[i].getClassName().startsWith("io.grpc.stub.ClientCalls")) {
				return true;
			}
		}
		return false;
	}

	private static final class GuardedListener<ReqT>
			extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {

		private final MappingCall<ReqT, ?> call;

		GuardedListener(ServerCall.Listener<ReqT> delegate, MappingCall<ReqT, ?> call) {
			super(delegate);
			this.call = call;
		}

		// Throwable, not RuntimeException: Kotlin and @SneakyThrows handlers throw
		// checked
		// exceptions too, and an Error from a handler deserves an error id as well

		@Override
		public void onMessage(ReqT message) {
			try {
				super.onMessage(message);
			}
			catch (Throwable ex) {
				this.call.thrown(ex);
			}
		}

		@Override
		public void onHalfClose() {
			try {
				super.onHalfClose();
			}
			catch (Throwable ex) {
				this.call.thrown(ex);
			}
		}

		@Override
		public void onReady() {
			try {
				super.onReady();
			}
			catch (Throwable ex) {
				this.call.thrown(ex);
			}
		}

	}

}
