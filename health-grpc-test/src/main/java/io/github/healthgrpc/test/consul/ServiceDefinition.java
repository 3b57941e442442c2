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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service registration ({@code PUT /v1/agent/service/register}), validated as Consul
 * validates it.
 *
 * @param id the instance id (the name when not given)
 * @param name the service name
 * @param tags the tags
 * @param address the address, or empty for the node's
 * @param meta the metadata
 * @param port the port
 * @param enableTagOverride whether tags may be overridden
 * @param checks its checks, {@code Check} first, then {@code Checks}
 * @author health-grpc authors
 */
record ServiceDefinition(String id, String name, List<String> tags, String address, Map<String, String> meta, int port,
		boolean enableTagOverride, List<CheckDefinition> checks) {

	// structs.ServiceDefinition of Consul CE, and the snake_case aliases it decodes
	private static final List<JsonFields.Field> SCHEMA = List.of(
			JsonFields.Field.of("Kind", JsonFields.Kind.STRING, "structs.ServiceKind"),
			JsonFields.Field.of("ID", JsonFields.Kind.STRING), JsonFields.Field.of("Name", JsonFields.Kind.STRING),
			JsonFields.Field.of("Tags", JsonFields.Kind.STRINGS),
			JsonFields.Field.of("Address", JsonFields.Kind.STRING),
			JsonFields.Field.of("TaggedAddresses", JsonFields.Kind.ANY),
			JsonFields.Field.of("Meta", JsonFields.Kind.STRING_MAP), JsonFields.Field.of("Port", JsonFields.Kind.INT),
			JsonFields.Field.of("Ports", JsonFields.Kind.ANY),
			JsonFields.Field.of("SocketPath", JsonFields.Kind.STRING),
			JsonFields.Field.of("Check", JsonFields.Kind.OBJECT, "structs.CheckType"),
			JsonFields.Field.of("Checks", JsonFields.Kind.OBJECTS, "structs.CheckTypes"),
			JsonFields.Field.of("Weights", JsonFields.Kind.ANY), JsonFields.Field.of("Token", JsonFields.Kind.STRING),
			JsonFields.Field.of("EnableTagOverride", JsonFields.Kind.BOOL),
			JsonFields.Field.of("Locality", JsonFields.Kind.ANY), JsonFields.Field.of("Proxy", JsonFields.Kind.ANY),
			JsonFields.Field.of("Connect", JsonFields.Kind.ANY),
			JsonFields.Field.of("enable_tag_override", JsonFields.Kind.BOOL),
			JsonFields.Field.of("tagged_addresses", JsonFields.Kind.ANY));

	private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9_-]+$");

	static ServiceDefinition parse(JsonNode body) {
		JsonFields fields = JsonFields.of(body, SCHEMA, "structs.ServiceDefinition", "");
		String name = fields.text("Name");
		if (name.isEmpty()) {
			throw ConsulError.badRequest("Missing service name");
		}
		String address = fields.text("Address");
		if (address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
			throw ConsulError.badRequest("Invalid service address");
		}
		Map<String, String> meta = fields.stringMap("Meta");
		validateMeta(meta);
		List<CheckDefinition> checks = new ArrayList<>();
		addCheck(checks, fields.node("Check"), ".Alias.Check");
		JsonNode more = fields.node("Checks");
		if (more != null) {
			more.forEach((check) -> addCheck(checks, check, ".Alias.Checks"));
		}
		String id = fields.text("ID");
		return new ServiceDefinition(id.isEmpty() ? name : id, name, List.copyOf(fields.strings("Tags")), address,
				Map.copyOf(meta), fields.integer("Port"),
				fields.bool("EnableTagOverride") || fields.bool("enable_tag_override"), List.copyOf(checks));
	}

	private static void addCheck(List<CheckDefinition> checks, JsonNode node, String path) {
		CheckDefinition check = CheckDefinition.parse(node, path);
		if (check != null) {
			checks.add(check);
		}
	}

	private static void validateMeta(Map<String, String> meta) {
		if (meta.size() > 64) {
			throw invalidMeta("Node metadata cannot contain more than 64 key/value pairs");
		}
		meta.forEach((key, value) -> {
			if (key.isEmpty()) {
				throw invalidMeta("Key cannot be blank");
			}
			if (!META_KEY.matcher(key).matches()) {
				throw invalidMeta("Key contains invalid characters");
			}
			if (key.length() > 128) {
				throw invalidMeta("Key is too long (limit: 128 characters)");
			}
			if (key.startsWith("consul-")) {
				throw invalidMeta("Key prefix 'consul-' is reserved for internal use");
			}
			if (value.length() > 512) {
				throw invalidMeta("Value is too long (limit: 512 characters)");
			}
		});
	}

	private static ConsulError invalidMeta(String reason) {
		return ConsulError.badRequest("Invalid Service Meta: " + reason);
	}

	/**
	 * Return whether another definition registers the same service (Consul's
	 * {@code IsSameService}): a re-registration of it changes nothing in the catalog.
	 */
	boolean sameServiceAs(ServiceDefinition other) {
		return other != null && this.id.equals(other.id) && this.name.equals(other.name) && this.tags.equals(other.tags)
				&& this.address.equals(other.address) && this.meta.equals(other.meta) && this.port == other.port
				&& this.enableTagOverride == other.enableTagOverride;
	}

	/**
	 * The id of its {@code n}th check (0-based): its {@code CheckID}, else
	 * {@code service:<id>} when it has one check, {@code service:<id>:<n+1>} when it has
	 * several.
	 */
	String checkId(int n) {
		String given = this.checks.get(n).id();
		if (!given.isEmpty()) {
			return given;
		}
		return (this.checks.size() == 1) ? "service:" + this.id : "service:" + this.id + ":" + (n + 1);
	}

	/**
	 * The name of its {@code n}th check: its {@code Name}, else Consul's default.
	 */
	String checkName(int n) {
		String given = this.checks.get(n).name();
		return given.isEmpty() ? "Service '" + this.name + "' check" : given;
	}

}
