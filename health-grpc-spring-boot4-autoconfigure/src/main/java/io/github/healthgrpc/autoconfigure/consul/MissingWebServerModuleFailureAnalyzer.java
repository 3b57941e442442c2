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

package io.github.healthgrpc.autoconfigure.consul;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.lang.Nullable;

/**
 * Explains the startup failure of a gRPC-only application with Spring Cloud Consul 5.0's
 * registration and no {@code spring-boot-web-server}: Spring Cloud Consul's registration
 * listens for {@code WebServerInitializedEvent}, a class of that module, and without it
 * the application fails with a {@link NoClassDefFoundError} that says nothing of what to
 * add. (Spring Boot 3.5 had the class in {@code spring-boot} itself.)
 *
 * @author health-grpc authors
 */
class MissingWebServerModuleFailureAnalyzer implements FailureAnalyzer {

	/**
	 * The class Spring Cloud Consul's registration needs.
	 */
	static final String EVENT = "org.springframework.boot.web.server.context.WebServerInitializedEvent";

	@Override
	@Nullable
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if ((cause instanceof NoClassDefFoundError || cause instanceof ClassNotFoundException)
					&& names(cause.getMessage())) {
				return new FailureAnalysis(
						"Spring Cloud Consul's service registration needs " + EVENT
								+ ", which is in org.springframework.boot:spring-boot-web-server: a gRPC-only "
								+ "application on Spring Boot 4 does not have it unless it asks for it.",
						"Add the dependency org.springframework.boot:spring-boot-web-server (its version comes "
								+ "from Spring Boot's BOM; it starts no web server), or switch Spring Cloud's "
								+ "automatic registration off with "
								+ "spring.cloud.service-registry.auto-registration.enabled=false.",
						cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static boolean names(@Nullable String message) {
		return message != null && (message.contains(EVENT) || message.contains(EVENT.replace('.', '/')));
	}

}
