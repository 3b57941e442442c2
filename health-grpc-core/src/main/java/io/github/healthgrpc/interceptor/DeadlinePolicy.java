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

import java.time.Duration;

import org.springframework.lang.Nullable;

/**
 * Server-side deadline rules of one method.
 *
 * @param defaultTimeout deadline for calls that arrive without one, or {@code null} for
 * none
 * @param maxTimeout longest deadline a call may have, or {@code null} for no cap
 * @author health-grpc authors
 * @since 0.1.0
 */
public record DeadlinePolicy(@Nullable Duration defaultTimeout, @Nullable Duration maxTimeout) {

	/**
	 * No default and no cap.
	 */
	public static final DeadlinePolicy NONE = new DeadlinePolicy(null, null);

	boolean isNone() {
		return this.defaultTimeout == null && this.maxTimeout == null;
	}

}
