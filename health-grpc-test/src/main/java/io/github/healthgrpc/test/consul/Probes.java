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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.stub.StreamObserver;

/**
 * The probes of GRPC, HTTP and TCP checks, with Consul's results and outputs. Each probe
 * is asynchronous and bounded as a whole by its check's timeout, so that a target that
 * hangs holds no thread and delays no other check. A GRPC check dials a fresh connection
 * each time and calls {@code grpc.health.v1.Health/Check}; only SERVING passes. An HTTP
 * check reads at most {@value HttpProbeBody#MAX_OUTPUT} bytes of the body.
 *
 * @author health-grpc authors
 */
final class Probes {

	private final boolean loopbackOnly;

	private final ScheduledExecutorService timer;

	// HTTP/1.1, as Consul's Go client speaks to http:// targets: no h2c upgrade
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	Probes(boolean loopbackOnly, ScheduledExecutorService timer) {
		this.loopbackOnly = loopbackOnly;
		this.timer = timer;
	}

	/**
	 * A probe's outcome.
	 */
	record Result(String status, String output) {

		static Result critical(String output) {
			return new Result("critical", output);
		}

	}

	/**
	 * Probe a target; the answer never fails and comes within the check's timeout (plus
	 * scheduling).
	 */
	CompletableFuture<Result> probe(CheckDefinition check) {
		try {
			return switch (check.type()) {
				case "grpc" -> grpc(check);
				case "http" -> http(check);
				case "tcp" -> tcp(check);
				default -> throw new IllegalStateException(check.type());
			};
		}
		catch (RefusedTarget ex) {
			return CompletableFuture.completedFuture(Result.critical(ex.getMessage()));
		}
	}

	private CompletableFuture<Result> grpc(CheckDefinition check) {
		String target = check.target();
		int slash = target.indexOf('/');
		String address = (slash < 0) ? target : target.substring(0, slash);
		String service = (slash < 0) ? "" : target.substring(slash + 1);
		ManagedChannel channel = channel(socketAddress(address), check);
		CompletableFuture<Result> result = new CompletableFuture<>();
		result.whenComplete((outcome, failure) -> channel.shutdownNow());
		HealthGrpc.newStub(channel)
			.withDeadlineAfter(check.timeout().toNanos(), TimeUnit.NANOSECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build(), new StreamObserver<>() {

				@Override
				public void onNext(HealthCheckResponse response) {
					HealthCheckResponse.ServingStatus status = response.getStatus();
					result.complete((status == HealthCheckResponse.ServingStatus.SERVING)
							? new Result("passing", "gRPC check " + target + ": success")
							: Result.critical("gRPC " + target + " serving status: " + status));
				}

				@Override
				public void onError(Throwable error) {
					result.complete(Result.critical("gRPC " + target + " check failed: "
							+ ((error instanceof StatusRuntimeException ex) ? ex.getStatus() : error)));
				}

				@Override
				public void onCompleted() {
					result.complete(Result.critical("gRPC " + target + " check failed: no answer"));
				}

			});
		return result;
	}

	private ManagedChannel channel(InetSocketAddress socket, CheckDefinition check) {
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(socket);
		if (!check.useTls()) {
			return builder.usePlaintext().build();
		}
		try {
			var ssl = GrpcSslContexts.forClient();
			if (check.tlsSkipVerify()) {
				ssl.trustManager(InsecureTrustManagerFactory.INSTANCE);
			}
			return builder.sslContext(ssl.build()).build();
		}
		catch (SSLException ex) {
			throw new RefusedTarget("TLS setup failed: " + ex.getMessage());
		}
	}

	private CompletableFuture<Result> http(CheckDefinition check) {
		URI uri;
		try {
			uri = URI.create(check.target());
			if (uri.getHost() == null || !uri.getScheme().startsWith("http")) {
				throw new IllegalArgumentException(check.target());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new RefusedTarget("invalid URL " + check.target());
		}
		socketAddress(uri.getHost() + ":" + Math.max(uri.getPort(), 1));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(check.timeout())
			.method(check.method(), HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", "Consul Health Check")
			.header("Accept", "text/plain, text/*, */*");
		check.headers().forEach((name, values) -> values.forEach((value) -> request.setHeader(name, value)));
		HttpProbeBody body = new HttpProbeBody();
		CompletableFuture<Result> result = new CompletableFuture<>();
		String what = "HTTP " + check.method() + " " + uri;
		this.http.sendAsync(request.build(), body::subscriber).whenComplete((response, failure) -> {
			if (failure != null) {
				result.complete(Result.critical(what + ": " + rootCause(failure)));
			}
			else {
				result.complete(httpResult(what, response.statusCode(), response.body()));
			}
		});
		// bounded as a whole: once the headers came, what came of the body by the timeout
		// is the output, as Consul keeps what it read when its client times out
		deadline(result, check.timeout(), () -> {
			int code = body.statusCode();
			body.cancel();
			result.complete((code > 0) ? httpResult(what, code, body.text())
					: Result.critical(what + ": timeout after " + GoDuration.format(check.timeout())));
		});
		return result;
	}

	private static Result httpResult(String what, int code, String body) {
		String status = (code >= 200 && code < 300) ? "passing" : (code == 429) ? "warning" : "critical";
		return new Result(status, what + ": " + code + " " + HttpProbeBody.reason(code) + " Output: " + body);
	}

	private CompletableFuture<Result> tcp(CheckDefinition check) {
		InetSocketAddress socket = socketAddress(check.target());
		CompletableFuture<Result> result = new CompletableFuture<>();
		AsynchronousSocketChannel channel;
		try {
			channel = AsynchronousSocketChannel.open();
		}
		catch (IOException ex) {
			return CompletableFuture.completedFuture(Result.critical("dial tcp " + check.target() + ": " + ex));
		}
		result.whenComplete((outcome, failure) -> closeQuietly(channel));
		channel.connect(socket, null, new CompletionHandler<Void, Void>() {

			@Override
			public void completed(Void nothing, Void attachment) {
				result.complete(new Result("passing", "TCP connect " + check.target() + ": Success"));
			}

			@Override
			public void failed(Throwable error, Void attachment) {
				result.complete(Result.critical("dial tcp " + check.target() + ": " + error.getMessage()));
			}

		});
		deadline(result, check.timeout(),
				() -> result.complete(Result.critical("dial tcp " + check.target() + ": i/o timeout")));
		return result;
	}

	/**
	 * Resolve {@code host:port}; with loopback only, refuse any other address, so that a
	 * test never sends a probe to the machine's other interfaces.
	 */
	private InetSocketAddress socketAddress(String hostPort) {
		int colon = hostPort.lastIndexOf(':');
		if (colon <= 0) {
			throw new RefusedTarget("invalid address " + hostPort);
		}
		String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
		int port;
		try {
			port = Integer.parseInt(hostPort.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new RefusedTarget("invalid port in " + hostPort);
		}
		if (port < 0 || port > 65535) {
			throw new RefusedTarget("invalid port in " + hostPort);
		}
		InetAddress address;
		try {
			address = InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new RefusedTarget("lookup " + host + ": no such host");
		}
		if (this.loopbackOnly && !address.isLoopbackAddress()) {
			throw new RefusedTarget("the dev agent probes loopback addresses only; refused " + hostPort);
		}
		return new InetSocketAddress(address, port);
	}

	private void deadline(CompletableFuture<Result> result, Duration timeout, Runnable expire) {
		var pending = this.timer.schedule(expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
		result.whenComplete((outcome, failure) -> pending.cancel(false));
	}

	private static String rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause);
	}

	private static void closeQuietly(AsynchronousSocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	/**
	 * A target the probe will not or cannot reach.
	 */
	private static final class RefusedTarget extends RuntimeException {

		RefusedTarget(String message) {
			super(message, null, false, false);
		}

	}

	static Duration clampInterval(Duration interval) {
		return (interval.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : interval;
	}

}
