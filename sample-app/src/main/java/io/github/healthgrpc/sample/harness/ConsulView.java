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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the Consul agent says about the Greeter: read through its HTTP API, so it works
 * the same against the dev agent and a real one.
 *
 * @author health-grpc authors
 */
public final class ConsulView {

	private final URI agent;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ObjectMapper json = new ObjectMapper();

	public ConsulView(URI agent) {
		this.agent = agent;
	}

	/**
	 * Return whether the agent answers.
	 */
	public boolean answers() {
		return get("/v1/status/leader").isTextual();
	}

	/**
	 * Every registered instance of a service, passing or not.
	 */
	public List<Instance> instances(String service) {
		List<Instance> instances = new ArrayList<>();
		for (JsonNode entry : get("/v1/health/service/" + encode(service))) {
			JsonNode definition = entry.path("Service");
			String status = "passing";
			List<String> checks = new ArrayList<>();
			for (JsonNode check : entry.path("Checks")) {
				if (!definition.path("ID").asText().equals(check.path("ServiceID").asText())) {
					// the node's own checks
					continue;
				}
				checks.add(check.path("CheckID").asText());
				status = worse(status, check.path("Status").asText());
			}
			instances.add(new Instance(definition.path("ID").asText(),
					definition.path("Meta").path("instance").asText(), definition.path("Address").asText(),
					definition.path("Meta").path("gRPC_port").asInt(), status, checks));
		}
		return instances;
	}

	public Optional<Instance> instance(String service, String name) {
		return instances(service).stream().filter((instance) -> instance.name().equals(name)).findFirst();
	}

	public String status(String service, String name) {
		return instance(service, name).map(Instance::status).orElse("deregistered");
	}

	private static String worse(String a, String b) {
		List<String> order = List.of("passing", "warning", "critical");
		return (order.indexOf(b) > order.indexOf(a)) ? b : a;
	}

	private JsonNode get(String path) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(this.agent.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Consul answered " + response.statusCode() + " to " + path);
			}
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

	/**
	 * An instance as Consul lists it.
	 */
	public record Instance(String id, String name, String address, int grpcPort, String status, List<String> checks) {

	}

}
