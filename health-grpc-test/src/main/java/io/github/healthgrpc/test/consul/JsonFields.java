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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of one JSON object, read as Consul's Go decoder reads them: names match
 * whatever their case, snake_case aliases match too ({@code grpc_use_tls} is
 * {@code GRPCUseTLS}), and a name the object does not have is an error.
 *
 * @author health-grpc authors
 */
final class JsonFields {

	private final Map<String, JsonNode> byKey = new LinkedHashMap<>();

	private JsonFields() {
	}

	/**
	 * Read an object, rejecting any field not among the known ones.
	 * @param node the object
	 * @param known the known field names, in any case
	 * @param what what the object is, for the error
	 * @return the fields
	 */
	static JsonFields of(JsonNode node, Set<String> known, String what) {
		if (node == null || node.isNull()) {
			return new JsonFields();
		}
		if (!node.isObject()) {
			throw decodeFailed("cannot unmarshal " + node.getNodeType().name().toLowerCase(Locale.ROOT)
					+ " into Go value of type " + what);
		}
		JsonFields fields = new JsonFields();
		Set<String> knownKeys = new java.util.HashSet<>();
		known.forEach((name) -> knownKeys.add(key(name)));
		node.fieldNames().forEachRemaining((name) -> {
			if (!knownKeys.contains(key(name))) {
				throw decodeFailed("json: unknown field \"" + name + "\"");
			}
			fields.byKey.put(key(name), node.get(name));
		});
		return fields;
	}

	static ConsulError decodeFailed(String reason) {
		return ConsulError.badRequest("Request decode failed: " + reason);
	}

	private static String key(String name) {
		return name.replace("_", "").toLowerCase(Locale.ROOT);
	}

	JsonNode node(String name) {
		JsonNode node = this.byKey.get(key(name));
		return (node == null || node.isNull()) ? null : node;
	}

	String text(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return "";
		}
		if (!node.isTextual()) {
			throw decodeFailed("cannot unmarshal " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " into field "
					+ name + " of type string");
		}
		return node.textValue();
	}

	boolean bool(String name) {
		JsonNode node = node(name);
		if (node != null && !node.isBoolean()) {
			throw decodeFailed("cannot unmarshal into field " + name + " of type bool");
		}
		return node != null && node.booleanValue();
	}

	int integer(String name) {
		JsonNode node = node(name);
		if (node != null && !node.canConvertToInt()) {
			throw decodeFailed("cannot unmarshal into field " + name + " of type int");
		}
		return (node != null) ? node.intValue() : 0;
	}

	/**
	 * A Go duration: a string such as {@code 10s}, or a number of nanoseconds.
	 */
	Duration duration(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return Duration.ZERO;
		}
		if (node.isNumber()) {
			return Duration.ofNanos(node.longValue());
		}
		try {
			return GoDuration.parse(node.asText());
		}
		catch (IllegalArgumentException ex) {
			throw decodeFailed(ex.getMessage());
		}
	}

	List<String> strings(String name) {
		JsonNode node = node(name);
		List<String> values = new ArrayList<>();
		if (node == null) {
			return values;
		}
		if (!node.isArray()) {
			throw decodeFailed("cannot unmarshal into field " + name + " of type []string");
		}
		node.forEach((value) -> values.add(value.asText()));
		return values;
	}

	Map<String, String> stringMap(String name) {
		JsonNode node = node(name);
		Map<String, String> values = new LinkedHashMap<>();
		if (node == null) {
			return values;
		}
		if (!node.isObject()) {
			throw decodeFailed("cannot unmarshal into field " + name + " of type map[string]string");
		}
		node.fields().forEachRemaining((entry) -> values.put(entry.getKey(), entry.getValue().asText()));
		return values;
	}

	Map<String, List<String>> headerMap(String name) {
		JsonNode node = node(name);
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (node != null) {
			node.fields().forEachRemaining((entry) -> {
				List<String> list = new ArrayList<>();
				entry.getValue().forEach((value) -> list.add(value.asText()));
				values.put(entry.getKey(), list);
			});
		}
		return values;
	}

}
