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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.sample.harness.Waits.StoryFailure;
import io.github.healthgrpc.sample.server.SampleHealthGrpcApplication;

/**
 * The two Spring Boot lines of the fleet, and how the story starts a Greeter on each.
 *
 * @author health-grpc authors
 */
public enum Line {

	/**
	 * Greeter one: {@code sample-app}'s server, started with the story's own class path.
	 */
	BOOT_3("Spring Boot 3.5 + net.devh", "grpc.server", true) {

		@Override
		List<String> launch() {
			return List.of("-cp", System.getProperty("java.class.path"), SampleHealthGrpcApplication.class.getName(),
					"--sample.demo.enabled=false",
					// the harness reads the bound port from the line the server logs
					"--logging.level.net.devh.boot.grpc.server.serverfactory=info");
		}

	},

	/**
	 * Greeter two: {@code sample-greeter-boot4}'s executable jar.
	 */
	BOOT_4("Spring Boot 4.1 + Spring Boot's gRPC", "spring.grpc.server", true) {

		@Override
		List<String> launch() {
			if (!Files.isRegularFile(GREETER_TWO_JAR)) {
				throw new StoryFailure("greeter two's jar " + GREETER_TWO_JAR.toAbsolutePath().normalize()
						+ " is missing: build it with ./mvnw -pl sample-app -am -DskipTests package");
			}
			return List.of("-jar", GREETER_TWO_JAR.toString());
		}

	};

	/**
	 * Greeter two's executable jar, from {@code sample-app}, where the story runs.
	 */
	public static final Path GREETER_TWO_JAR = Path.of("..", "sample-greeter-boot4", "target",
			"health-grpc-sample-greeter-boot4.jar");

	private final String description;

	private final String serverPrefix;

	private final boolean registersInConsul;

	Line(String description, String serverPrefix, boolean registersInConsul) {
		this.description = description;
		this.serverPrefix = serverPrefix;
		this.registersInConsul = registersInConsul;
	}

	/**
	 * What the line runs on.
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Whether health-grpc registers a Greeter of this line in Consul.
	 */
	public boolean registersInConsul() {
		return this.registersInConsul;
	}

	// the java arguments that start a Greeter of this line, before the Spring arguments
	abstract List<String> launch();

	List<String> command(String name, int weight, String consulHost, int consulPort) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1"));
		command.addAll(launch());
		command.addAll(
				List.of("--sample.instance=" + name, "--sample.weight=" + weight, "--" + this.serverPrefix + ".port=0",
						// loopback only: what gets registered is what Consul checks
						"--" + this.serverPrefix + ".address=127.0.0.1", "--spring.cloud.consul.enabled=true",
						"--spring.cloud.consul.host=" + consulHost, "--spring.cloud.consul.port=" + consulPort));
		return command;
	}

}
