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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of one JSON object, decoded as Consul's Go decoder decodes them: names match
 * whatever their case, Consul's snake_case aliases match too ({@code grpc_use_tls} is
 * {@code GRPCUseTLS}), a name the object does not have is an error, and so is a value of
 * the wrong JSON type: {@code "Port": 1.5}, a number as a {@code Meta} value, a
 * {@code Header} that is no object. The first error in the document is reported, with the
 * message of Go's {@code encoding/json} as Consul (built with Go 1.24 or later) writes
 * it: {@code json: cannot unmarshal number 1.5 into Go struct field .Alias.Port
 * of type int}.
 *
 * @author health-grpc authors
 */
final class JsonFields {

	/**
	 * What a field holds, and the Go type its errors name.
	 */
	enum Kind {

		/** A string. */
		STRING("string"),
		/** A Go int. */
		INT("int"),
		/** A Go bool. */
		BOOL("bool"),
		/** A {@code []string}. */
		STRINGS("[]string"),
		/** A {@code map[string]string}. */
		STRING_MAP("map[string]string"),
		/** A {@code map[string][]string}. */
		HEADER("map[string][]string"),
		/** An {@code interface{}} read as a Go duration: a string or nanoseconds. */
		DURATION("interface {}"),
		/** Anything the agent accepts and ignores. */
		ANY("interface {}"),
		/** An object decoded by its own schema. */
		OBJECT("struct"),
		/** An array of objects decoded by their own schema. */
		OBJECTS("[]struct");

		private final String goType;

		Kind(String goType) {
			this.goType = goType;
		}

	}

	/**
	 * A field: its name in Go's messages, what it holds, and whether it lives in the
	 * decoder's {@code Alias} (the struct's own fields) or beside it (Consul's snake_case
	 * aliases).
	 */
	record Field(String name, Kind kind, String goType, boolean aliased) {

		static Field of(String name, Kind kind) {
			return new Field(name, kind, kind.goType, !name.contains("_"));
		}

		static Field of(String name, Kind kind, String goType) {
			return new Field(name, kind, goType, !name.contains("_"));
		}

	}

	private final Map<String, JsonNode> values = new HashMap<>();

	private final String path;

	private JsonFields(String path) {
		this.path = path;
	}

	/**
	 * Decode an object, checking every field against the schema in the document's order.
	 * @param node the object, or {@code null}
	 * @param schema its fields
	 * @param goType the Go type of the object, for an error about itself
	 * @param path where the object sits, as Go names it ({@code ""} at the top,
	 * {@code ".Alias.Check"} for a service's check)
	 * @return the fields
	 */
	static JsonFields of(JsonNode node, List<Field> schema, String goType, String path) {
		JsonFields fields = new JsonFields(path);
		if (node == null || node.isNull()) {
			return fields;
		}
		if (!node.isObject()) {
			throw path.isEmpty()
					? decodeFailed("json: cannot unmarshal " + kindOf(node) + " into Go value of type " + goType)
					: typeError(node, path, goType);
		}
		Map<String, Field> byKey = new HashMap<>();
		schema.forEach((field) -> byKey.putIfAbsent(key(field.name()), field));
		node.fields().forEachRemaining((entry) -> {
			Field field = byKey.get(key(entry.getKey()));
			if (field == null) {
				throw decodeFailed("json: unknown field \"" + entry.getKey() + "\"");
			}
			fields.check(field, entry.getValue());
			fields.values.put(key(field.name()), entry.getValue());
		});
		return fields;
	}

	static ConsulError decodeFailed(String reason) {
		return ConsulError.badRequest("Request decode failed: " + reason);
	}

	/**
	 * Go folds case to match a name; the snake_case aliases are names of their own.
	 */
	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private void check(Field field, JsonNode value) {
		if (value.isNull()) {
			return;
		}
		String at = at(field);
		switch (field.kind()) {
			case STRING -> expect(value.isTextual(), value, at, field.goType());
			case BOOL -> expect(value.isBoolean(), value, at, field.goType());
			case INT -> {
				if (!value.isIntegralNumber() || !value.canConvertToLong()) {
					throw typeError(value.isNumber() ? "number " + value.asText() : kindOf(value), at, field.goType());
				}
			}
			case STRINGS -> {
				expect(value.isArray(), value, at, field.goType());
				value.forEach((element) -> expect(element.isTextual() || element.isNull(), element, at, "string"));
			}
			case STRING_MAP -> {
				expect(value.isObject(), value, at, field.goType());
				value.forEach((element) -> expect(element.isTextual() || element.isNull(), element, at, "string"));
			}
			case HEADER -> {
				expect(value.isObject(), value, at, field.goType());
				value.forEach((values) -> {
					expect(values.isArray() || values.isNull(), values, at, "[]string");
					values.forEach((element) -> expect(element.isTextual() || element.isNull(), element, at, "string"));
				});
			}
			case OBJECT -> expect(value.isObject(), value, at, field.goType());
			case OBJECTS -> expect(value.isArray(), value, at, field.goType());
			case DURATION, ANY -> {
				// interface{}: anything decodes
			}
		}
	}

	/**
	 * Where a field is, as Go's errors name it: its path from the top, through the
	 * {@code Alias} a Consul struct decodes itself with.
	 */
	String at(Field field) {
		return this.path + (field.aliased() ? ".Alias." : ".") + field.name();
	}

	private static void expect(boolean ok, JsonNode value, String at, String goType) {
		if (!ok) {
			throw typeError(value, at, goType);
		}
	}

	private static ConsulError typeError(JsonNode value, String at, String goType) {
		return typeError(kindOf(value), at, goType);
	}

	private static ConsulError typeError(String value, String at, String goType) {
		return decodeFailed("json: cannot unmarshal " + value + " into Go struct field " + at + " of type " + goType);
	}

	private static String kindOf(JsonNode node) {
		if (node.isTextual()) {
			return "string";
		}
		if (node.isNumber()) {
			return "number";
		}
		if (node.isBoolean()) {
			return "bool";
		}
		return node.isArray() ? "array" : "object";
	}

	JsonNode node(String name) {
		JsonNode node = this.values.get(key(name));
		return (node == null || node.isNull()) ? null : node;
	}

	String text(String name) {
		JsonNode node = node(name);
		return (node != null) ? node.textValue() : "";
	}

	boolean bool(String name) {
		JsonNode node = node(name);
		return node != null && node.booleanValue();
	}

	int integer(String name) {
		JsonNode node = node(name);
		return (node != null) ? (int) node.longValue() : 0;
	}

	/**
	 * A Go duration decoded as Consul's checks decode theirs: a string such as
	 * {@code 10s}, or a number of nanoseconds; anything else is no duration.
	 */
	Duration duration(String name) {
		JsonNode node = node(name);
		if (node == null) {
			return Duration.ZERO;
		}
		if (node.isNumber()) {
			return Duration.ofNanos(node.longValue());
		}
		if (!node.isTextual()) {
			return Duration.ZERO;
		}
		try {
			return GoDuration.parse(node.textValue());
		}
		catch (IllegalArgumentException ex) {
			throw decodeFailed(ex.getMessage());
		}
	}

	List<String> strings(String name) {
		List<String> values = new ArrayList<>();
		JsonNode node = node(name);
		if (node != null) {
			node.forEach((value) -> values.add(value.isNull() ? "" : value.textValue()));
		}
		return values;
	}

	Map<String, String> stringMap(String name) {
		Map<String, String> values = new LinkedHashMap<>();
		JsonNode node = node(name);
		if (node != null) {
			node.fields()
				.forEachRemaining((entry) -> values.put(entry.getKey(),
						entry.getValue().isNull() ? "" : entry.getValue().textValue()));
		}
		return values;
	}

	Map<String, List<String>> headerMap(String name) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		JsonNode node = node(name);
		if (node != null) {
			node.fields().forEachRemaining((entry) -> {
				List<String> list = new ArrayList<>();
				entry.getValue().forEach((value) -> list.add(value.isNull() ? "" : value.textValue()));
				values.put(entry.getKey(), list);
			});
		}
		return values;
	}

}
