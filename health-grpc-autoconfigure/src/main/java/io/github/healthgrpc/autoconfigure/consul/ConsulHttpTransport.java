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

package io.github.healthgrpc.autoconfigure.consul;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

import com.ecwid.consul.v1.ConsulRawClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The HTTP client Spring Cloud Consul's calls go through: consul-api's own is one pool
 * for the whole JVM with a ten-minute read timeout, so a slow agent would hold a startup
 * or a shutdown for ten minutes, and its connections outlive the application. This one
 * has bounded timeouts and is closed with the application, which also ends any call still
 * waiting.
 *
 * @author health-grpc authors
 */
final class ConsulHttpTransport implements Supplier<ConsulRawClient.Builder>, AutoCloseable {

	private final CloseableHttpClient client;

	private final PoolingHttpClientConnectionManager connections;

	private final Duration closeGrace;

	ConsulHttpTransport(Duration connectTimeout, Duration readTimeout) {
		PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
		this.connections = connections;
		this.closeGrace = connectTimeout;
		// consul-api's limits: blocking queries each hold a connection
		connections.setMaxTotal(1000);
		connections.setDefaultMaxPerRoute(500);
		RequestConfig timeouts = RequestConfig.custom()
			.setConnectTimeout(millis(connectTimeout))
			.setConnectionRequestTimeout(millis(connectTimeout))
			.setSocketTimeout(millis(readTimeout))
			.build();
		this.client = HttpClientBuilder.create()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(timeouts)
			.useSystemProperties()
			.build();
	}

	@Override
	public ConsulRawClient.Builder get() {
		// TLS settings (spring.cloud.consul.tls) replace this client with consul-api's
		// own
		return ConsulRawClient.Builder.builder().setHttpClient(this.client);
	}

	/**
	 * Close, first giving calls under way (a catalog watch query that was held when its
	 * watch stopped) up to the request timeout to end by themselves.
	 */
	@Override
	public void close() throws IOException {
		long deadline = System.nanoTime() + this.closeGrace.toNanos();
		try {
			while (this.connections.getTotalStats().getLeased() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.client.close();
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

}
