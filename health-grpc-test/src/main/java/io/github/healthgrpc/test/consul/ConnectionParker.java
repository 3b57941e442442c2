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
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where connections wait without a thread: between requests (keep-alive), and while their
 * query is held. One selector thread watches them; when an idle connection has bytes, a
 * worker reads its request; when a client sends something while its query is held, it is
 * leaving (an end of stream, or for TLS its close alert), and its query is dropped.
 *
 * <p>
 * Every change to a connection's registration runs on the selector thread, in the order
 * asked, so a connection is never read by a worker while registered.
 *
 * @author health-grpc authors
 */
final class ConnectionParker implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	private final Selector selector;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	// only touched by the selector thread
	private final Queue<SelectionKey> ready = new ArrayDeque<>();

	private final Thread thread;

	private volatile boolean closed;

	ConnectionParker(String name) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Wait, without a thread, until the connection has bytes of its next request.
	 */
	void idle(HttpConnection connection) {
		submit(() -> register(connection, null));
	}

	/**
	 * Watch a connection whose query is held, until the exchange is answered.
	 */
	void hold(HttpConnection connection, HttpConnection.Exchange exchange) {
		submit(() -> {
			if (exchange.isHeld()) {
				register(connection, exchange);
			}
		});
	}

	/**
	 * Stop watching a connection and hand it to a worker to write its answer.
	 */
	void release(HttpConnection connection, Runnable then) {
		submit(() -> {
			if (deregister(connection)) {
				connection.execute(then);
			}
		});
	}

	private void submit(Runnable task) {
		this.tasks.add(task);
		this.selector.wakeup();
	}

	private void register(HttpConnection connection, HttpConnection.Exchange exchange) {
		try {
			connection.channel().configureBlocking(false);
			connection.key = connection.channel()
				.register(this.selector, SelectionKey.OP_READ, new Watch(connection, exchange));
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
		}
	}

	/**
	 * Cancel the connection's key, if any, and put it back into blocking mode.
	 * @return whether it is still open
	 */
	private boolean deregister(HttpConnection connection) {
		try {
			SelectionKey key = connection.key;
			if (key != null) {
				connection.key = null;
				key.cancel();
				// a cancelled key is gone only after the next selection
				this.selector.selectNow(this.ready::add);
			}
			connection.channel().configureBlocking(true);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			return false;
		}
	}

	private void run() {
		try {
			while (!this.closed) {
				this.selector.select(this.ready::add);
				Runnable task;
				while ((task = this.tasks.poll()) != null) {
					task.run();
				}
				SelectionKey key;
				while ((key = this.ready.poll()) != null) {
					if (key.isValid()) {
						readable((Watch) key.attachment());
					}
				}
			}
		}
		catch (ClosedSelectorException ex) {
			// closed with the agent
		}
		catch (IOException | RuntimeException ex) {
			if (!this.closed) {
				logger.log(System.Logger.Level.ERROR, "The Consul dev agent's connection watcher failed", ex);
			}
		}
	}

	/**
	 * A watched connection, and its held exchange or {@code null} when it is idle.
	 */
	private record Watch(HttpConnection connection, HttpConnection.Exchange held) {

	}

	private void readable(Watch watch) {
		HttpConnection connection = watch.connection();
		HttpConnection.Exchange held = watch.held();
		if (!deregister(connection)) {
			return;
		}
		if (held == null) {
			connection.execute(connection::readRequest);
			return;
		}
		if (connection.isTls() || endOfStream(connection)) {
			held.gone();
		}
	}

	/**
	 * Read what a plain-text client sent while its query is held: an end of stream means
	 * it left; anything else is its next request, kept for later.
	 */
	private static boolean endOfStream(HttpConnection connection) {
		try {
			connection.channel().configureBlocking(false);
			ByteBuffer bytes = ByteBuffer.allocate(8192);
			int n;
			while ((n = connection.channel().read(bytes)) > 0) {
				bytes.flip();
				if (!connection.input().giveBack(bytes)) {
					return true;
				}
				bytes.clear();
			}
			return n < 0;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
