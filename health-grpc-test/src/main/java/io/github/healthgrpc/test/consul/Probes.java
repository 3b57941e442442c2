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
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The probes of GRPC, HTTP and TCP checks, with Consul's results and outputs. A GRPC
 * check dials a fresh connection each time and calls {@code grpc.health.v1.Health/Check};
 * only SERVING passes.
 *
 * @author health-grpc authors
 */
final class Probes {

	private final boolean loopbackOnly;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	Probes(boolean loopbackOnly) {
		this.loopbackOnly = loopbackOnly;
	}

	/**
	 * A probe's outcome.
	 */
	record Result(String status, String output) {

	}

	Result probe(CheckDefinition check) {
		try {
			return switch (check.type()) {
				case "grpc" -> grpc(check);
				case "http" -> http(check);
				case "tcp" -> tcp(check);
				default -> throw new IllegalStateException(check.type());
			};
		}
		catch (RefusedTarget ex) {
			return new Result("critical", ex.getMessage());
		}
	}

	private Result grpc(CheckDefinition check) {
		String target = check.target();
		int slash = target.indexOf('/');
		String address = (slash < 0) ? target : target.substring(0, slash);
		String service = (slash < 0) ? "" : target.substring(slash + 1);
		InetSocketAddress socket = socketAddress(address);
		ManagedChannel channel = channel(socket, check);
		try {
			HealthCheckResponse.ServingStatus status = HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(check.timeout().toMillis(), TimeUnit.MILLISECONDS)
				.check(HealthCheckRequest.newBuilder().setService(service).build())
				.getStatus();
			return (status == HealthCheckResponse.ServingStatus.SERVING)
					? new Result("passing", "gRPC check " + target + ": success")
					: new Result("critical", "gRPC " + target + " serving status: " + status);
		}
		catch (StatusRuntimeException ex) {
			return new Result("critical", "gRPC " + target + " check failed: " + ex.getStatus());
		}
		finally {
			channel.shutdownNow();
		}
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
		catch (javax.net.ssl.SSLException ex) {
			throw new RefusedTarget("TLS setup failed: " + ex.getMessage());
		}
	}

	private Result http(CheckDefinition check) {
		URI uri = URI.create(check.target());
		socketAddress(uri.getHost() + ":" + Math.max(uri.getPort(), 1));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(check.timeout())
			.method(check.method(), HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", "Consul Health Check")
			.header("Accept", "text/plain, text/*, */*");
		check.headers().forEach((name, values) -> values.forEach((value) -> request.setHeader(name, value)));
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			String output = "HTTP " + check.method() + " " + uri + ": " + response.statusCode() + " Output: "
					+ ((body.length() > 4096) ? body.substring(0, 4096) : body);
			int code = response.statusCode();
			return new Result((code >= 200 && code < 300) ? "passing" : (code == 429) ? "warning" : "critical", output);
		}
		catch (IOException ex) {
			return new Result("critical", "Get \"" + uri + "\": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result("critical", "interrupted");
		}
	}

	private Result tcp(CheckDefinition check) {
		InetSocketAddress socket = socketAddress(check.target());
		try (Socket connection = new Socket()) {
			connection.connect(socket, (int) check.timeout().toMillis());
			return new Result("passing", "TCP connect " + check.target() + ": Success");
		}
		catch (IOException ex) {
			return new Result("critical", "dial tcp " + check.target() + ": " + ex.getMessage());
		}
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
