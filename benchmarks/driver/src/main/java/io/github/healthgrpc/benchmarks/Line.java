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

package io.github.healthgrpc.benchmarks;

import java.nio.file.Path;

/**
 * A Spring Boot line: its server jar and its four targets.
 *
 * @author health-grpc authors
 */
enum Line {

	/**
	 * Spring Boot 3.5 + net.devh 3.1.0, grpc-java 1.85.1 on grpc-netty-shaded.
	 */
	BOOT3("Spring Boot 3.5 + net.devh", Path.of("benchmarks", "boot3-server", "target", "boot3-server.jar")),

	/**
	 * Spring Boot 4.1 and its own gRPC, grpc-java 1.84.1 on grpc-netty and Netty 4.2.
	 */
	BOOT4("Spring Boot 4.1", Path.of("benchmarks", "boot4-server", "target", "boot4-server.jar"));

	private final String title;

	private final Path defaultJar;

	Line(String title, Path defaultJar) {
		this.title = title;
		this.defaultJar = defaultJar;
	}

	String title() {
		return this.title;
	}

	/**
	 * Return the server jar built by {@code benchmarks/run.sh}, relative to the project's
	 * root.
	 * @return the jar's path
	 */
	Path defaultJar() {
		return this.defaultJar;
	}

	/**
	 * Return this line's target in a role.
	 * @param role the role
	 * @return the target
	 */
	Target target(Target.Role role) {
		for (Target target : Target.values()) {
			if (target.line() == this && target.role() == role) {
				return target;
			}
		}
		throw new IllegalStateException("no " + role + " on " + this);
	}

}
