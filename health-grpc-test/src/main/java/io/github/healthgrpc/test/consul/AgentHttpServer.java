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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The agent's HTTP/1.1 server, written for the agent rather than the JDK's
 * {@code HttpServer} so that it answers as Consul's Go server does (header names in Go's
 * canonical case, {@code 429} past the per-client connection limit) and so that a
 * connection costs a thread only while a request is read or an answer written: idle
 * keep-alive connections and held blocking queries wait in the {@link ConnectionParker}.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class AgentHttpServer implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	private final ServerSocketChannel serverChannel;

	private final Thread acceptor;

	private final Tls tls;

	private final Handler handler;

	private final ExecutorService workers;

	private final ScheduledExecutorService timer;

	private final ClientLimits limits;

	private final ConnectionParker parker;

	private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	AgentHttpServer(InetSocketAddress address, Tls tls, int maxConnectionsPerClient, Handler handler,
			ExecutorService workers, ScheduledExecutorService timer) throws IOException {
		this.tls = tls;
		this.handler = handler;
		this.workers = workers;
		this.timer = timer;
		this.limits = new ClientLimits(maxConnectionsPerClient);
		this.serverChannel = ServerSocketChannel.open();
		try {
			this.serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			this.serverChannel.bind(address, 128);
		}
		catch (IOException ex) {
			this.serverChannel.close();
			throw ex;
		}
		this.parker = new ConnectionParker("consul-dev-agent-connections");
		this.acceptor = new Thread(this::accept, "consul-dev-agent-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Answers requests: at once, or later from any thread.
	 */
	@FunctionalInterface
	interface Handler {

		void handle(RawRequest request, HttpConnection.Exchange exchange);

	}

	/**
	 * The server side of TLS: its context, and whether clients must present a
	 * certificate.
	 */
	record Tls(SSLContext context, boolean needClientAuth) {

		SSLSocket serverSocket(SocketChannel channel) throws IOException {
			InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
			SSLSocket socket = (SSLSocket) this.context.getSocketFactory()
				.createSocket(channel.socket(), remote.getHostString(), remote.getPort(), true);
			socket.setUseClientMode(false);
			socket.setNeedClientAuth(this.needClientAuth);
			return socket;
		}

	}

	InetSocketAddress address() {
		try {
			return (InetSocketAddress) this.serverChannel.getLocalAddress();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The Consul dev agent is closed", ex);
		}
	}

	Tls tls() {
		return this.tls;
	}

	Handler handler() {
		return this.handler;
	}

	ConnectionParker parker() {
		return this.parker;
	}

	int openConnections(InetAddress client) {
		return this.limits.open(client);
	}

	void execute(Runnable task) {
		try {
			this.workers.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the agent is closing
		}
	}

	ScheduledFuture<?> timeout(Runnable action, Duration after) {
		return this.timer.schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
	}

	void closed(HttpConnection connection) {
		if (this.connections.remove(connection)) {
			this.limits.release(connection.client());
		}
	}

	private void accept() {
		while (!this.closed) {
			SocketChannel channel;
			try {
				channel = this.serverChannel.accept();
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				// out of file descriptors, for example: try again a little later
				logger.log(System.Logger.Level.WARNING, "Accepting a connection failed: " + ex);
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
				continue;
			}
			InetAddress client = ((InetSocketAddress) channel.socket().getRemoteSocketAddress()).getAddress();
			if (!this.limits.tryAcquire(client)) {
				execute(() -> tooMany(channel));
				continue;
			}
			HttpConnection connection = new HttpConnection(this, channel, client);
			this.connections.add(connection);
			if (this.closed) {
				connection.close();
				return;
			}
			connection.awaitRequest();
		}
	}

	/**
	 * What Consul's connection limiter does past the limit: write 429 at once (within a
	 * short deadline), then close.
	 */
	private void tooMany(SocketChannel channel) {
		ScheduledFuture<?> deadline = timeout(() -> closeQuietly(channel), Duration.ofSeconds(1));
		try {
			OutputStream out;
			if (this.tls != null) {
				SSLSocket socket = this.tls.serverSocket(channel);
				socket.startHandshake();
				out = socket.getOutputStream();
			}
			else {
				out = channel.socket().getOutputStream();
			}
			out.write(ClientLimits.TOO_MANY_RESPONSE);
			out.flush();
		}
		catch (IOException ex) {
			// a client that does not listen
		}
		finally {
			deadline.cancel(false);
			closeQuietly(channel);
		}
	}

	// A channel closed while a thread waits in accept() keeps its port until that thread
	// has left accept(): an agent started again on the same port right after close()
	// would find it in use (seen as a BindException in ConsulDevAgentTests).
	private void awaitAcceptor() {
		if (Thread.currentThread() == this.acceptor) {
			return;
		}
		try {
			this.acceptor.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.serverChannel.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
		awaitAcceptor();
		this.parker.close();
		this.connections.forEach(HttpConnection::close);
	}

}
