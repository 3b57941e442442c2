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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plain HTTP client for the contract tests: what goes on the wire, nothing more.
 *
 * @author health-grpc authors
 */
final class ConsulHttp {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ConsulHttp(ConsulEndpoint endpoint) {
		this.base = endpoint.uri();
	}

	/**
	 * An answer.
	 */
	record Answer(int status, String body, HttpResponse<String> response) {

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		long index() {
			return Long.parseUnsignedLong(this.response.headers().firstValue("X-Consul-Index").orElse("-1"));
		}

	}

	Answer get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.GET()
			.timeout(Duration.ofSeconds(30));
		return send((headers.length > 0) ? request.headers(headers) : request);
	}

	// consul-api sends its JSON as text/plain
	Answer put(String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "text/plain; charset=UTF-8")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.timeout(Duration.ofSeconds(30));
		return send((headers.length > 0) ? request.headers(headers) : request);
	}

	Answer method(String method, String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30)));
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
