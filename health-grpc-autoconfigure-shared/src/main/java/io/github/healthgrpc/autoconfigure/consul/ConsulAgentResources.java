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

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.github.healthgrpc.consul.AgentTls;
import io.github.healthgrpc.consul.ConsulAgentClient;

import org.springframework.cloud.consul.ConsulProperties;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/**
 * The threads and the HTTP client of health-grpc's own calls to the Consul agent: one
 * scheduler thread ({@code health-grpc-consul}) that only keeps the time, and daemon HTTP
 * threads ({@code health-grpc-consul-http-N}) that wait for the agent, end when idle and
 * all end on {@link #close()}. The client speaks TLS and sends the ACL token as Spring
 * Cloud Consul is configured ({@code spring.cloud.consul.scheme}, {@code .tls.*},
 * {@code .token}).
 *
 * @author health-grpc authors
 */
final class ConsulAgentResources implements AutoCloseable {

	static final String THREAD_NAME = "health-grpc-consul";

	private final ScheduledThreadPoolExecutor scheduler;

	private final ExecutorService httpExecutor;

	private final ConsulAgentClient agent;

	ConsulAgentResources(ConsulProperties consul, String token, HealthGrpcConsulProperties properties) {
		this.scheduler = new ScheduledThreadPoolExecutor(1, daemon(THREAD_NAME, false));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		// one thread per answer being handled; idle ones end after a minute
		this.httpExecutor = Executors.newCachedThreadPool(daemon(THREAD_NAME + "-http-", true));
		this.agent = new ConsulAgentClient(baseUri(consul), token, properties.getAgent().getRequestTimeout(),
				this.httpExecutor, tls(consul.getTls()));
	}

	Executor executor() {
		return this.httpExecutor;
	}

	ConsulAgentClient agent() {
		return this.agent;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.agent.close();
		this.httpExecutor.shutdownNow();
		try {
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
			this.httpExecutor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return the agent's HTTP API address the way Spring Cloud Consul builds it: the host
	 * may carry the scheme ({@code https://consul}), {@code scheme} overrides it, and
	 * {@code path} prefixes every call.
	 */
	static URI baseUri(ConsulProperties consul) {
		String host = consul.getHost();
		String scheme = StringUtils.hasLength(consul.getScheme()) ? consul.getScheme() : null;
		int separator = host.indexOf("://");
		if (separator >= 0) {
			if (scheme == null) {
				scheme = host.substring(0, separator);
			}
			host = host.substring(separator + 3);
		}
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		String path = StringUtils.hasLength(consul.getPath())
				? "/" + StringUtils.trimTrailingCharacter(StringUtils.trimLeadingCharacter(consul.getPath(), '/'), '/')
				: "";
		return URI.create(((scheme != null) ? scheme : "http") + "://" + host + ":" + consul.getPort() + path + "/");
	}

	/**
	 * Return the TLS context Spring Cloud Consul's settings describe, read as consul-api
	 * reads them: {@code certificate-path} is the key store with the client certificate,
	 * {@code key-store-path} the trust store, both of {@code key-store-instance-type}.
	 */
	@Nullable
	static SSLContext tls(@Nullable ConsulProperties.TLSConfig tls) {
		if (tls == null) {
			return null;
		}
		String type = (tls.getKeyStoreInstanceType() != null) ? tls.getKeyStoreInstanceType().name()
				: KeyStore.getDefaultType();
		try {
			return AgentTls.context(type, path(tls.getCertificatePath()), tls.getCertificatePassword(),
					path(tls.getKeyStorePath()), tls.getKeyStorePassword());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Could not set up TLS to the Consul agent from spring.cloud.consul.tls.*: " + ex.getMessage(), ex);
		}
	}

	@Nullable
	private static Path path(@Nullable String path) {
		return StringUtils.hasText(path) ? Path.of(path) : null;
	}

	private static ThreadFactory daemon(String name, boolean numbered) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, numbered ? name + count.incrementAndGet() : name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
