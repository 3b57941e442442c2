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

import java.nio.file.Path;
import java.util.Map;

/**
 * What the command line and the environment ask of the story.
 *
 * @param keepRunning whether everything stays up after the errors and deadlines, until
 * Ctrl-C
 * @param consulAddress {@code host:port} of a real Consul agent, or {@code null} for the
 * dev agent
 * @param logs where the greeters' logs go
 * @author health-grpc authors
 */
public record StoryOptions(boolean keepRunning, String consulAddress, Path logs) {

	/**
	 * Read the arguments ({@code --keep-running}, {@code --consul=host:port}) and
	 * {@code CONSUL_HTTP_ADDR}; an argument wins over the environment.
	 * @param args the command line
	 * @param environment the environment
	 * @return the options
	 */
	public static StoryOptions parse(String[] args, Map<String, String> environment) {
		boolean keepRunning = false;
		String consul = environment.get("CONSUL_HTTP_ADDR");
		for (String arg : args) {
			if (arg.equals("--keep-running")) {
				keepRunning = true;
			}
			else if (arg.startsWith("--consul=")) {
				consul = arg.substring("--consul=".length());
			}
			else {
				throw new IllegalArgumentException(
						"Unknown argument " + arg + " (expected --keep-running, --consul=host:port)");
			}
		}
		if (consul != null) {
			consul = consul.replaceFirst("^https?://", "");
			if (consul.isBlank()) {
				consul = null;
			}
		}
		return new StoryOptions(keepRunning, consul, Path.of("target", "sample-story"));
	}

}
