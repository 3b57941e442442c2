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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code docs/configuration.md} against the configuration metadata that the build
 * generates: every property documented, nothing documented that does not exist, and the
 * same defaults.
 *
 * @author health-grpc authors
 */
class ConfigurationDocumentationTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(health-grpc\\.[a-z0-9.-]+)` \\| [^|]+ \\|([^|]*)\\|");

	@Test
	void everyPropertyIsDocumentedWithItsDefault() throws IOException {
		Map<String, String> documented = documentedDefaults();
		Map<String, JsonNode> metadata = metadata();
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(metadata.keySet());
		metadata.forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null) {
				assertThat(documented.get(name)).as("default of %s", name).isEqualTo("`" + render(defaultValue) + "`");
			}
		});
	}

	@Test
	void everyPropertyHasADescription() throws IOException {
		metadata().forEach((name, property) -> assertThat(property.path("description").asText()).as(name).isNotBlank());
	}

	private static String render(JsonNode value) {
		if (!value.isArray()) {
			return value.asText();
		}
		List<String> elements = new java.util.ArrayList<>();
		value.forEach((element) -> elements.add(element.asText()));
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

	private static Map<String, JsonNode> metadata() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream json = ConfigurationDocumentationTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : new ObjectMapper().readTree(json).get("properties")) {
				properties.put(property.get("name").asText(), property);
			}
		}
		return properties;
	}

}
