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

package io.github.healthgrpc.sample.harness;

import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.healthgrpc.test.consul.ConsulDevAgent;

/**
 * The story's Consul agent: a real one when the options name it, or else the project's
 * dev agent, started in this JVM.
 *
 * @author health-grpc authors
 */
public final class ConsulAgent implements AutoCloseable {

	// held: java.util.logging keeps loggers only as long as someone does
	private static final Logger DEV_AGENT_LOG = Logger.getLogger(ConsulDevAgent.class.getName());

	private final String host;

	private final int port;

	private final ConsulDevAgent devAgent;

	private final ConsulView view;

	private ConsulAgent(String host, int port, ConsulDevAgent devAgent) {
		this.host = host;
		this.port = port;
		this.devAgent = devAgent;
		this.view = new ConsulView(URI.create("http://" + host + ":" + port + "/"));
	}

	/**
	 * Use the agent at an address, once it answers.
	 * @param address {@code host:port}
	 * @return the agent
	 */
	public static ConsulAgent at(String address) {
		URI agent = URI.create("http://" + address + "/");
		ConsulAgent consul = new ConsulAgent(agent.getHost(), agent.getPort(), null);
		Waits.until("the Consul agent at " + address + " to answer", Duration.ofSeconds(10), consul.view::answers);
		return consul;
	}

	/**
	 * Start the project's dev agent on a free loopback port; the story speaks for it.
	 * @return the agent
	 */
	public static ConsulAgent startDevAgent() {
		DEV_AGENT_LOG.setLevel(Level.WARNING);
		ConsulDevAgent devAgent = ConsulDevAgent.start();
		return new ConsulAgent("127.0.0.1", devAgent.port(), devAgent);
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	/**
	 * What the agent says, read through its HTTP API.
	 */
	public ConsulView view() {
		return this.view;
	}

	@Override
	public void close() {
		if (this.devAgent != null) {
			this.devAgent.close();
		}
	}

}
