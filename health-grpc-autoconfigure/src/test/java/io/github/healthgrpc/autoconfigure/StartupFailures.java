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

import java.lang.reflect.Constructor;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * What Spring Boot prints for a failed start, so tests can check the words a user reads.
 *
 * @author health-grpc authors
 */
public final class StartupFailures {

	private static final String[] ANALYZERS = {
			"org.springframework.boot.diagnostics.analyzer.BindValidationFailureAnalyzer",
			"org.springframework.boot.diagnostics.analyzer.BindFailureAnalyzer" };

	private StartupFailures() {
	}

	public static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// its analyzer needs the Environment, and prints this message with the
			// property's origin
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				return invalid.getMessage();
			}
		}
		for (String name : ANALYZERS) {
			FailureAnalysis analysis = analyzer(name).analyze(failure);
			if (analysis != null) {
				return analysis.getDescription();
			}
		}
		return String.valueOf(failure);
	}

	private static FailureAnalyzer analyzer(String name) {
		try {
			// Boot's analyzers are package-private: the same ones run at startup
			Constructor<?> constructor = Class.forName(name).getDeclaredConstructor();
			constructor.setAccessible(true);
			return (FailureAnalyzer) constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
