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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON the agent answers with, field for field as Consul's (the fields Consul adds
 * and no client here reads are left out). Arrays and strings are empty, never null:
 * clients dereference them.
 *
 * <p>
 * Called with the state's lock held, so each answer is one consistent picture.
 *
 * @author health-grpc authors
 */
final class JsonViews {

	static final String NODE_ID = "5f6b7c8d-0000-4000-8000-000000000001";

	private final ObjectMapper json;

	JsonViews(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * {@code /v1/health/service/<name>}: each instance with its node and checks.
	 */
	ArrayNode healthService(AgentState state, String name, boolean passing, List<String> tags) {
		ArrayNode entries = this.json.createArrayNode();
		state.services().values().forEach((service) -> {
			ServiceDefinition definition = service.definition();
			if (!definition.name().equals(name) || !hasAllTags(definition.tags(), tags)) {
				return;
			}
			List<CheckEntry> checks = state.checksOf(definition.id());
			if (passing && !checks.stream().allMatch(CheckEntry::isPassing)) {
				return;
			}
			ObjectNode entry = entries.addObject();
			entry.set("Node", node());
			entry.set("Service", service(service));
			ArrayNode checkNodes = entry.putArray("Checks");
			checks.forEach((check) -> checkNodes.add(check(check)));
		});
		return entries;
	}

	ArrayNode healthChecks(AgentState state, String name) {
		ArrayNode checks = this.json.createArrayNode();
		state.checks().values().stream().filter((check) -> name.equals(check.serviceName)).forEach((check) -> {
			checks.add(check(check));
		});
		return checks;
	}

	/**
	 * {@code /v1/catalog/services}: each name with the union of its instances' tags.
	 */
	ObjectNode catalogServices(AgentState state) {
		ObjectNode names = this.json.createObjectNode();
		names.putArray("consul");
		Map<String, Set<String>> tags = new java.util.TreeMap<>();
		state.services()
			.values()
			.forEach((service) -> tags.computeIfAbsent(service.definition().name(), (key) -> new TreeSet<>())
				.addAll(service.definition().tags()));
		tags.forEach((name, union) -> {
			ArrayNode array = names.putArray(name);
			union.forEach(array::add);
		});
		return names;
	}

	ArrayNode catalogService(AgentState state, String name) {
		ArrayNode entries = this.json.createArrayNode();
		state.services()
			.values()
			.stream()
			.filter((service) -> service.definition().name().equals(name))
			.forEach((service) -> {
				ServiceDefinition definition = service.definition();
				ObjectNode entry = entries.addObject();
				entry.put("ID", NODE_ID)
					.put("Node", AgentState.NODE)
					.put("Address", "127.0.0.1")
					.put("Datacenter", "dc1");
				entry.set("TaggedAddresses", taggedAddresses());
				entry.putObject("NodeMeta").put("consul-network-segment", "");
				entry.put("ServiceID", definition.id()).put("ServiceName", definition.name());
				entry.set("ServiceTags", strings(definition.tags()));
				entry.put("ServiceAddress", definition.address());
				entry.set("ServiceMeta", this.json.valueToTree(definition.meta()));
				entry.put("ServicePort", definition.port())
					.put("ServiceEnableTagOverride", definition.enableTagOverride())
					.put("CreateIndex", service.createIndex())
					.put("ModifyIndex", service.modifyIndex());
			});
		return entries;
	}

	ObjectNode agentServices(AgentState state) {
		ObjectNode services = this.json.createObjectNode();
		state.services().forEach((id, service) -> services.set(id, agentService(service)));
		return services;
	}

	/**
	 * {@code /v1/agent/service/<id>}: the instance with its {@code ContentHash}, a hash
	 * of everything else in it (Consul's is another hash function: clients only compare
	 * it).
	 * @throws ConsulError 404 for an unknown instance, 403 when the token may not read it
	 */
	ObjectNode agentService(AgentState state, String serviceId, boolean allowed) {
		AgentState.ServiceEntry service = state.services().get(serviceId);
		if (service == null) {
			throw ConsulError.notFound("unknown service ID: " + serviceId);
		}
		if (!allowed) {
			throw AclTokens.denied("service", "read", service.definition().name());
		}
		ObjectNode node = agentService(service);
		node.put("ContentHash", contentHash(node));
		return node;
	}

	/**
	 * The content hash {@link #agentService(AgentState, String, boolean)} would answer,
	 * or {@code null} when it would answer an error.
	 */
	String agentServiceHash(AgentState state, String serviceId, boolean allowed) {
		AgentState.ServiceEntry service = state.services().get(serviceId);
		return (service != null && allowed) ? contentHash(agentService(service)) : null;
	}

	private static String contentHash(ObjectNode node) {
		// FNV-1a, 64 bits, printed as Consul prints its hash: hexadecimal, no padding
		long hash = 0xcbf29ce484222325L;
		for (byte b : node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return Long.toHexString(hash);
	}

	ObjectNode agentService(AgentState.ServiceEntry service) {
		ObjectNode node = service(service);
		node.put("Datacenter", "dc1");
		node.remove(List.of("CreateIndex", "ModifyIndex"));
		return node;
	}

	ObjectNode agentChecks(AgentState state) {
		ObjectNode checks = this.json.createObjectNode();
		state.checks().forEach((id, check) -> checks.set(id, check(check)));
		return checks;
	}

	ObjectNode self() {
		ObjectNode self = this.json.createObjectNode();
		self.putObject("Config")
			.put("Datacenter", "dc1")
			.put("NodeName", AgentState.NODE)
			.put("NodeID", NODE_ID)
			.put("Version", "1.20.0-health-grpc-dev-agent");
		self.putObject("Member")
			.put("Name", AgentState.NODE)
			.put("Addr", "127.0.0.1")
			.put("Port", 8301)
			.put("Status", 1);
		return self;
	}

	private ObjectNode service(AgentState.ServiceEntry service) {
		ServiceDefinition definition = service.definition();
		ObjectNode node = this.json.createObjectNode();
		node.put("ID", definition.id()).put("Service", definition.name());
		node.set("Tags", strings(definition.tags()));
		node.put("Address", definition.address());
		node.set("Meta", this.json.valueToTree(definition.meta()));
		node.put("Port", definition.port());
		node.putObject("Weights").put("Passing", 1).put("Warning", 1);
		node.put("EnableTagOverride", definition.enableTagOverride())
			.put("CreateIndex", service.createIndex())
			.put("ModifyIndex", service.modifyIndex());
		return node;
	}

	private ObjectNode check(CheckEntry check) {
		ObjectNode node = this.json.createObjectNode();
		node.put("Node", AgentState.NODE)
			.put("CheckID", check.checkId)
			.put("Name", check.name)
			.put("Status", check.status)
			.put("Notes", check.notes)
			.put("Output", check.output)
			.put("ServiceID", check.serviceId)
			.put("ServiceName", check.serviceName);
		node.set("ServiceTags", strings(check.serviceTags));
		node.put("Type", check.type());
		if (check.definition != null && !"ttl".equals(check.type())) {
			node.put("Interval", GoDuration.format(check.definition.interval()))
				.put("Timeout", GoDuration.format(check.definition.timeout()));
		}
		node.put("CreateIndex", check.createIndex).put("ModifyIndex", check.modifyIndex);
		return node;
	}

	private ObjectNode node() {
		ObjectNode node = this.json.createObjectNode();
		node.put("ID", NODE_ID).put("Node", AgentState.NODE).put("Address", "127.0.0.1").put("Datacenter", "dc1");
		node.set("TaggedAddresses", taggedAddresses());
		node.putObject("Meta").put("consul-network-segment", "");
		node.put("CreateIndex", 1).put("ModifyIndex", 1);
		return node;
	}

	private ObjectNode taggedAddresses() {
		return this.json.createObjectNode().put("lan", "127.0.0.1").put("wan", "127.0.0.1");
	}

	private ArrayNode strings(List<String> values) {
		ArrayNode array = this.json.createArrayNode();
		values.forEach(array::add);
		return array;
	}

	private static boolean hasAllTags(List<String> tags, List<String> wanted) {
		return wanted.stream()
			.allMatch((tag) -> tags.stream()
				.anyMatch((own) -> own.toLowerCase(Locale.ROOT).equals(tag.toLowerCase(Locale.ROOT))));
	}

}
