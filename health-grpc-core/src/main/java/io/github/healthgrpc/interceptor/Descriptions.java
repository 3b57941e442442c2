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

package io.github.healthgrpc.interceptor;

import java.util.regex.Pattern;

/**
 * Bounds the text that goes back to a client, and keeps out the texts that describe the
 * server's internals rather than the request.
 *
 * @author health-grpc authors
 */
final class Descriptions {

	// pkg.pkg.Type, pkg.pkg.Type$Inner, pkg.pkg.Type.CONSTANT: how the JDK and libraries
	// name classes in their messages; a gRPC method path (pkg.Service/Method) is none
	private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][\\w$]*+(?!/)");

	private Descriptions() {
	}

	/**
	 * Return whether a client may read a text an exception carries: not when it names a
	 * Java class, as the JDK's and libraries' own messages do (a cause's
	 * {@code toString()} copied by {@code new X(cause)}, executors' rejections,
	 * {@code Enum.valueOf}, type conversion).
	 * @param text the text
	 * @return whether it names no Java class
	 */
	static boolean isSafe(String text) {
		return !CLASS_NAME.matcher(text).find();
	}

	/**
	 * Cut a text to at most {@code maxLength} characters (an ellipsis marks the cut).
	 * @param text the text
	 * @param maxLength the bound
	 * @return the text itself when it is short enough, else a cut copy
	 */
	static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		return text.substring(0, Math.max(0, maxLength - 3)) + "...";
	}

}
