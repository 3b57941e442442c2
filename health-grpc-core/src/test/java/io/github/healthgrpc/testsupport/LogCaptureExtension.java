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
package io.github.healthgrpc.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Captures what is logged during each test and resolves {@link CapturedLog} parameters:
 * the core's tests run without Spring Boot, where Commons Logging (Spring Framework 6.2's
 * {@code spring-jcl} and 7.0's {@code commons-logging} alike) and grpc-java both log
 * through {@code java.util.logging}.
 *
 * @author health-grpc authors
 */
public class LogCaptureExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LogCaptureExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		CapturingHandler handler = new CapturingHandler();
		Logger.getLogger("").addHandler(handler);
		context.getStore(NAMESPACE).put(CapturingHandler.class, handler);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		CapturingHandler handler = context.getStore(NAMESPACE).remove(CapturingHandler.class, CapturingHandler.class);
		if (handler != null) {
			Logger.getLogger("").removeHandler(handler);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CapturedLog.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getStore(NAMESPACE).get(CapturingHandler.class, CapturingHandler.class);
	}

	/**
	 * Keeps every record it is given as text.
	 */
	private static final class CapturingHandler extends Handler implements CapturedLog {

		private final StringBuffer text = new StringBuffer();

		@Override
		public void publish(LogRecord record) {
			StringBuilder line = new StringBuilder().append(levelName(record.getLevel()))
				.append(' ')
				.append(record.getLoggerName())
				.append(" : ")
				.append(record.getMessage())
				.append(System.lineSeparator());
			if (record.getThrown() != null) {
				StringWriter trace = new StringWriter();
				record.getThrown().printStackTrace(new PrintWriter(trace));
				line.append(trace);
			}
			this.text.append(line);
		}

		private static String levelName(Level level) {
			if (level.intValue() >= Level.SEVERE.intValue()) {
				return "ERROR";
			}
			if (level.intValue() >= Level.WARNING.intValue()) {
				return "WARN";
			}
			return (level.intValue() >= Level.INFO.intValue()) ? "INFO" : "DEBUG";
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String getOut() {
			return this.text.toString();
		}

	}

}
