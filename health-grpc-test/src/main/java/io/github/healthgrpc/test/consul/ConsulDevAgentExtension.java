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

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives a test class a Consul agent: a {@link ConsulDevAgent}
 * started before its tests and stopped after them, or, when the environment variable
 * {@code CONSUL_HTTP_ADDR} is set, the real agent there. Tests take a
 * {@link ConsulEndpoint} parameter, or use the extension as a static
 * {@code @RegisterExtension} field and call {@link #endpoint()} (for example in a
 * {@code @DynamicPropertySource} method).
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static ConsulDevAgentExtension consul = new ConsulDevAgentExtension();
 *
 * &#64;DynamicPropertySource
 * static void consul(DynamicPropertyRegistry registry) {
 *     registry.add("spring.cloud.consul.port", () -&gt; consul.endpoint().port());
 * }
 * </pre>
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ConsulDevAgentExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	/**
	 * Environment variable that points the tests at a real agent.
	 */
	public static final String REAL_AGENT_VARIABLE = "CONSUL_HTTP_ADDR";

	/**
	 * Environment variable with the real agent's token, when it enforces ACLs.
	 */
	public static final String REAL_AGENT_TOKEN_VARIABLE = "CONSUL_HTTP_TOKEN";

	private final ConsulDevAgent.Builder builder;

	private volatile ConsulEndpoint endpoint;

	/**
	 * Create the extension with a dev agent of the default settings.
	 */
	public ConsulDevAgentExtension() {
		this(ConsulDevAgent.builder());
	}

	/**
	 * Create the extension with a dev agent of these settings.
	 * @param builder the dev agent's settings
	 */
	public ConsulDevAgentExtension(ConsulDevAgent.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Return the agent of the running test class.
	 * @return the endpoint
	 */
	public ConsulEndpoint endpoint() {
		if (this.endpoint == null) {
			throw new IllegalStateException("No Consul agent: the extension has not started one yet");
		}
		return this.endpoint;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		String realAgent = System.getenv(REAL_AGENT_VARIABLE);
		this.endpoint = (realAgent != null && !realAgent.isBlank())
				? ConsulEndpoint.ofAddress(realAgent, System.getenv(REAL_AGENT_TOKEN_VARIABLE))
				: ConsulEndpoint.of(this.builder.start());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		ConsulEndpoint current = this.endpoint;
		this.endpoint = null;
		if (current != null) {
			current.devAgent().ifPresent(ConsulDevAgent::close);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == ConsulEndpoint.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		if (this.endpoint == null) {
			throw new ParameterResolutionException("No Consul agent: register the extension for the test class");
		}
		return this.endpoint;
	}

}
