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

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocket;

/**
 * One client connection: a worker reads a request, the handler answers it at once or
 * later (a held blocking query), a worker writes the answer, and the connection waits for
 * the next request in the {@link ConnectionParker} without a thread. Each blocking step
 * is bounded: a TLS handshake by 5 s (Consul's {@code https_handshake_timeout}), reading
 * a request once its first byte came by 30 s, writing an answer by 30 s; past that the
 * connection is closed.
 *
 * <p>
 * Thread-safe: one worker at a time reads or writes it, handed over through the agent's
 * executors and the parker.
 *
 * @author health-grpc authors
 */
final class HttpConnection {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final AgentHttpServer server;

	private final SocketChannel channel;

	private final InetAddress client;

	private final AtomicBoolean closed = new AtomicBoolean();

	// only touched by the parker's thread
	SelectionKey key;

	// set up by the first read, then used by one worker at a time
	private ConnectionInput input;

	private OutputStream output;

	private RequestReader reader;

	HttpConnection(AgentHttpServer server, SocketChannel channel, InetAddress client) {
		this.server = server;
		this.channel = channel;
		this.client = client;
	}

	SocketChannel channel() {
		return this.channel;
	}

	InetAddress client() {
		return this.client;
	}

	boolean isTls() {
		return this.server.tls() != null;
	}

	ConnectionInput input() {
		return this.input;
	}

	void execute(Runnable task) {
		this.server.execute(task);
	}

	/**
	 * Wait for the next request: read it at once when its bytes are already here, else
	 * park the connection.
	 */
	void awaitRequest() {
		try {
			if (this.input != null && this.input.available() > 0) {
				execute(this::readRequest);
			}
			else {
				this.server.parker().idle(this);
			}
		}
		catch (IOException ex) {
			close();
		}
	}

	/**
	 * Read a request and hand it to the handler (on a worker).
	 */
	void readRequest() {
		try {
			if (this.input == null) {
				open();
			}
			RawRequest request;
			ScheduledFuture<?> deadline = this.server.timeout(this::close, READ_TIMEOUT);
			try {
				request = this.reader.read(this::sendContinue);
			}
			finally {
				deadline.cancel(false);
			}
			if (request == null) {
				close();
				return;
			}
			Exchange exchange = new Exchange(request.keepAlive());
			this.server.handler().handle(request, exchange);
			exchange.handled();
		}
		catch (HttpProtocolException ex) {
			write(RawResponse.text(ex.status(), ex.status() + " " + ex.getMessage()), false);
		}
		catch (IOException | UncheckedIOException ex) {
			close();
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Serving a request failed", ex);
			close();
		}
	}

	private void open() throws IOException {
		AgentHttpServer.Tls tls = this.server.tls();
		if (tls == null) {
			this.input = new ConnectionInput(this.channel.socket().getInputStream());
			this.output = this.channel.socket().getOutputStream();
		}
		else {
			ScheduledFuture<?> deadline = this.server.timeout(this::close, HANDSHAKE_TIMEOUT);
			try {
				SSLSocket socket = tls.serverSocket(this.channel);
				socket.startHandshake();
				this.input = new ConnectionInput(socket.getInputStream());
				this.output = socket.getOutputStream();
			}
			finally {
				deadline.cancel(false);
			}
		}
		this.reader = new RequestReader(this.input);
	}

	private void sendContinue() {
		try {
			this.output.write(ResponseWriter.CONTINUE);
			this.output.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Write an answer (on a worker), then wait for the next request or close.
	 */
	private void write(RawResponse response, boolean keepAlive) {
		ScheduledFuture<?> deadline = this.server.timeout(this::close, WRITE_TIMEOUT);
		try {
			ResponseWriter.write(this.output, response, !keepAlive);
		}
		catch (IOException ex) {
			close();
			return;
		}
		finally {
			deadline.cancel(false);
		}
		if (keepAlive) {
			awaitRequest();
		}
		else {
			close();
		}
	}

	void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closed anyway
			}
			this.server.closed(this);
		}
	}

	/**
	 * One request's answer, given once, now or later, from any thread.
	 */
	final class Exchange {

		private static final int HANDLING = 0;

		private static final int HELD = 1;

		private static final int ANSWERED = 2;

		private static final int GONE = 3;

		private final AtomicInteger state = new AtomicInteger(HANDLING);

		private final AtomicReference<RawResponse> response = new AtomicReference<>();

		private final boolean keepAlive;

		private volatile Runnable onGone;

		private Exchange(boolean keepAlive) {
			this.keepAlive = keepAlive;
		}

		/**
		 * Answer; only the first answer counts.
		 */
		void respond(RawResponse answer) {
			if (!this.response.compareAndSet(null, answer)) {
				return;
			}
			// while the handler still runs, the reading worker writes the answer
			if (!this.state.compareAndSet(HANDLING, ANSWERED) && this.state.compareAndSet(HELD, ANSWERED)) {
				HttpConnection.this.server.parker().release(HttpConnection.this, () -> write(answer, this.keepAlive));
			}
		}

		/**
		 * What to do when the client leaves while its query is held.
		 */
		void onGone(Runnable action) {
			this.onGone = action;
		}

		boolean isHeld() {
			return this.state.get() == HELD;
		}

		InetAddress client() {
			return HttpConnection.this.client;
		}

		private void handled() {
			if (this.state.compareAndSet(HANDLING, HELD)) {
				HttpConnection.this.server.parker().hold(HttpConnection.this, this);
			}
			else {
				write(this.response.get(), this.keepAlive);
			}
		}

		void gone() {
			if (this.state.compareAndSet(HELD, GONE)) {
				Runnable action = this.onGone;
				if (action != null) {
					action.run();
				}
				close();
			}
		}

	}

}
