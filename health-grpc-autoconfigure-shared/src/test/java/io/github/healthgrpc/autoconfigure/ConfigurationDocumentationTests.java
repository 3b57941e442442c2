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

package io.github.healthgrpc.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code docs/configuration.md} against the configuration metadata that the build
 * generates: every property documented, nothing documented that does not exist, and the
 * same defaults. Run by both lines, so that each line's generated metadata matches the
 * one documented list.
 *
 * @author health-grpc authors
 */
class ConfigurationDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(health-grpc\\.[a-z0-9.-]+)` \\| [^|]+ \\|([^|]*)\\|");

	@Test
	void everyPropertyIsDocumentedWithItsDefault() throws IOException {
		Map<String, String> documented = documentedDefaults();
		Map<String, JsonObject> metadata = metadata();
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(metadata.keySet());
		metadata.forEach((name, property) -> {
			JsonElement defaultValue = property.get("defaultValue");
			if (defaultValue != null) {
				assertThat(documented.get(name)).as("default of %s", name).isEqualTo("`" + render(defaultValue) + "`");
			}
		});
	}

	@Test
	void everyPropertyHasADescription() throws IOException {
		metadata().forEach((name,
				property) -> assertThat(property.has("description") ? property.get("description").getAsString() : "")
					.as(name)
					.isNotBlank());
	}

	private static String render(JsonElement value) {
		if (!value.isJsonArray()) {
			return value.getAsString();
		}
		List<String> elements = new java.util.ArrayList<>();
		value.getAsJsonArray().forEach((element) -> elements.add(element.getAsString()));
		return "[" + String.join(", ", elements) + "]";
	}

	private static Map<String, String> documentedDefaults() throws IOException {
		Map<String, String> defaults = new HashMap<>();
		List<String> lines = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
		for (String line : lines) {
			Matcher matcher = ROW.matcher(line);
			if (matcher.find()) {
				defaults.put(matcher.group(1), matcher.group(2).trim());
			}
		}
		return defaults;
	}

	private static Map<String, JsonObject> metadata() throws IOException {
		Map<String, JsonObject> properties = new HashMap<>();
		try (InputStream json = ConfigurationDocumentationTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonObject root = JsonParser.parseReader(new InputStreamReader(json, StandardCharsets.UTF_8))
				.getAsJsonObject();
			for (JsonElement element : root.getAsJsonArray("properties")) {
				JsonObject property = element.getAsJsonObject();
				properties.put(property.get("name").getAsString(), property);
			}
		}
		return properties;
	}

}
