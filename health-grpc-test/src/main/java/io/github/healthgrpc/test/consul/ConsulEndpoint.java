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

import java.net.URI;
import java.util.Optional;

/**
 * Where a test's Consul agent listens: the project's dev agent, or a real agent when
 * {@code CONSUL_HTTP_ADDR} is set ({@code 127.0.0.1:8500}, {@code http://127.0.0.1:8500}
 * or {@code https://127.0.0.1:8501}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class ConsulEndpoint {

	private final String scheme;

	private final String host;

	private final int port;

	private final ConsulDevAgent devAgent;

	private final String aclToken;

	private ConsulEndpoint(String scheme, String host, int port, ConsulDevAgent devAgent, String aclToken) {
		this.scheme = scheme;
		this.host = host;
		this.port = port;
		this.devAgent = devAgent;
		this.aclToken = (aclToken != null && !aclToken.isEmpty()) ? aclToken : null;
	}

	static ConsulEndpoint of(ConsulDevAgent agent) {
		return new ConsulEndpoint(agent.scheme(), "127.0.0.1", agent.port(), agent, agent.aclToken().orElse(null));
	}

	/**
	 * Read {@code CONSUL_HTTP_ADDR}.
	 * @param address its value
	 * @return the endpoint of that real agent
	 */
	static ConsulEndpoint ofAddress(String address) {
		return ofAddress(address, null);
	}

	/**
	 * Read {@code CONSUL_HTTP_ADDR} and {@code CONSUL_HTTP_TOKEN}.
	 * @param address the address
	 * @param aclToken the token, or {@code null}
	 * @return the endpoint of that real agent
	 */
	static ConsulEndpoint ofAddress(String address, String aclToken) {
		URI uri = URI.create(address.contains("://") ? address : "http://" + address);
		if (uri.getHost() == null || uri.getPort() < 0) {
			throw new IllegalArgumentException("CONSUL_HTTP_ADDR must be host:port, not '" + address + "'");
		}
		return new ConsulEndpoint(uri.getScheme(), uri.getHost(), uri.getPort(), null, aclToken);
	}

	/**
	 * Return the scheme of the agent's HTTP API.
	 * @return {@code http} or {@code https}
	 */
	public String scheme() {
		return this.scheme;
	}

	/**
	 * Return the agent's host.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the agent's HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the base URI of the HTTP API.
	 * @return for example {@code http://127.0.0.1:8500}
	 */
	public URI uri() {
		return URI.create(this.scheme + "://" + this.host + ":" + this.port);
	}

	/**
	 * Return the ACL token that may do anything: the dev agent's
	 * {@link ConsulDevAgent.Builder#aclToken(String)}, or a real agent's
	 * {@code CONSUL_HTTP_TOKEN}.
	 * @return the token, or empty when there is none
	 */
	public Optional<String> aclToken() {
		return Optional.ofNullable(this.aclToken);
	}

	/**
	 * Return the dev agent, when this is one.
	 * @return the dev agent, or empty for a real agent
	 */
	public Optional<ConsulDevAgent> devAgent() {
		return Optional.ofNullable(this.devAgent);
	}

	/**
	 * Return whether this is the dev agent.
	 * @return whether it is
	 */
	public boolean isDevAgent() {
		return this.devAgent != null;
	}

	@Override
	public String toString() {
		return (isDevAgent() ? "Consul dev agent at " : "Consul agent at ") + this.host + ":" + this.port;
	}

}
