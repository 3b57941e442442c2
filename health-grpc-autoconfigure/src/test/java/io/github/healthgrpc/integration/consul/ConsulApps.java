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

package io.github.healthgrpc.integration.consul;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.consul.serviceregistry.ConsulAutoRegistration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Consul test applications against an agent, on 127.0.0.1 only, with short
 * check intervals and drain delays.
 *
 * @author health-grpc authors
 */
public final class ConsulApps {

	private ConsulApps() {
	}

	static List<String> consul(int agentPort) {
		return List.of("spring.cloud.consul.enabled=true", "spring.cloud.consul.host=127.0.0.1",
				"spring.cloud.consul.port=" + agentPort, "spring.main.banner-mode=off");
	}

	public static Launch shop(int agentPort, String instance, String... extra) {
		List<String> properties = new ArrayList<>(consul(agentPort));
		properties.addAll(List.of("spring.application.name=shop", "test.instance=" + instance, "grpc.server.port=0",
				"grpc.server.address=127.0.0.1", "health-grpc.health.schedule.period=100ms",
				"health-grpc.health.lifecycle.drain-delay=1500ms", "health-grpc.consul.check.interval=1s",
				"health-grpc.consul.check.timeout=500ms", "health-grpc.consul.registration.keeper-interval=200ms"));
		properties.addAll(Arrays.asList(extra));
		return new Launch(new SpringApplicationBuilder(ShopApplication.class), properties);
	}

	public static Launch client(int agentPort, String... extra) {
		List<String> properties = new ArrayList<>(consul(agentPort));
		properties.addAll(List.of("spring.application.name=shop-client", "grpc.server.port=-1",
				"spring.cloud.consul.discovery.register=false", "grpc.client.shop.address=discovery:///shop",
				"grpc.client.shop.negotiation-type=plaintext"));
		properties.addAll(Arrays.asList(extra));
		return new Launch(new SpringApplicationBuilder(ShopClientApplication.class), properties);
	}

	/**
	 * An application about to start: its properties are command-line arguments, so that
	 * they win over the test class path's application.properties (Consul off).
	 */
	public record Launch(SpringApplicationBuilder builder, List<String> properties) {

		Launch listeners(ApplicationListener<?>... listeners) {
			this.builder.listeners(listeners);
			return this;
		}

		Launch initializers(ApplicationContextInitializer<?>... initializers) {
			this.builder.initializers(initializers);
			return this;
		}

		public ConfigurableApplicationContext run() {
			return this.builder.run(arguments());
		}

		/**
		 * Return the properties as command-line arguments.
		 * @return the arguments
		 */
		public String[] arguments() {
			// a later setting of a key replaces an earlier one: repeated, they would be
			// joined
			Map<String, String> byKey = new LinkedHashMap<>();
			for (String property : this.properties) {
				int equals = property.indexOf('=');
				byKey.put(property.substring(0, equals), property.substring(equals + 1));
			}
			return byKey.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new);
		}

	}

	public static String instanceId(ConfigurableApplicationContext context) {
		return context.getBean(ConsulAutoRegistration.class).getInstanceId();
	}

	public static JsonNode get(URI agent, String path) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(agent.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
			return new ObjectMapper().readTree(response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static List<String> threadsNamed(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.toList();
	}

}
