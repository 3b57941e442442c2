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

package io.github.healthgrpc.consul;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on 127.0.0.1 that answers like a broken Consul agent: whatever the test
 * tells it, including never. Records every request.
 *
 * @author health-grpc authors
 */
public final class MisbehavingAgent implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile Function<Request, Reply> replies;

	public MisbehavingAgent(Function<Request, Reply> replies) throws IOException {
		this.replies = replies;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		this.server.setExecutor(this.threads);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public void answer(Function<Request, Reply> replies) {
		this.replies = replies;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.inFlight.incrementAndGet();
		try (exchange) {
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("X-Consul-Token"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(request);
			Reply reply = this.replies.apply(request);
			if (reply.hang()) {
				this.closing.await(30, TimeUnit.SECONDS);
				return;
			}
			if (reply.trickle()) {
				trickle(exchange);
				return;
			}
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	// headers, then a body that never ends: a client that gives up closes the connection,
	// and the next write fails
	private void trickle(HttpExchange exchange) throws IOException, InterruptedException {
		exchange.getResponseHeaders().add("X-Consul-Index", "1");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		try {
			while (!this.closing.await(50, TimeUnit.MILLISECONDS)) {
				out.write(' ');
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/**
	 * A request as received.
	 */
	public record Request(String method, String uri, String token, String body) {

	}

	/**
	 * The client of {@link Reply#forward}, made on first use: its selector thread lives
	 * as long as the JVM.
	 */
	private static final class Forwarder {

		static final HttpClient CLIENT = HttpClient.newHttpClient();

	}

	/**
	 * What to answer.
	 */
	public record Reply(int status, String body, Map<String, String> headers, boolean hang, boolean trickle) {

		public static Reply of(int status, String body, Map<String, String> headers) {
			return new Reply(status, body, headers, false, false);
		}

		public static Reply of(int status, String body) {
			return of(status, body, Map.of());
		}

		/**
		 * No answer at all: not even headers.
		 */
		public static Reply never() {
			return new Reply(0, "", Map.of(), true, false);
		}

		/**
		 * Headers, then a body that never ends, until the client goes away.
		 */
		public static Reply endless() {
			return new Reply(200, "", Map.of(), false, true);
		}

		/**
		 * What a well-behaved agent answers to the request: a proxy to it.
		 * @param agent the agent's base URI
		 * @param request the request
		 * @return its answer, with its index
		 */
		public static Reply forward(URI agent, Request request) {
			try {
				HttpResponse<String> response = Forwarder.CLIENT
					.send(HttpRequest.newBuilder(agent.resolve(request.uri()))
						.method(request.method(),
								request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
										: HttpRequest.BodyPublishers.ofString(request.body()))
						.build(), HttpResponse.BodyHandlers.ofString());
				return of(response.statusCode(), response.body(),
						response.headers()
							.firstValue("X-Consul-Index")
							.map((index) -> Map.of("X-Consul-Index", index))
							.orElse(Map.of()));
			}
			catch (IOException ex) {
				return of(502, "bad gateway: " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return of(502, "interrupted");
			}
		}

	}

}
