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

/**
 * Bounds the text that goes back to a client.
 *
 * @author health-grpc authors
 */
final class Descriptions {

	private Descriptions() {
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
