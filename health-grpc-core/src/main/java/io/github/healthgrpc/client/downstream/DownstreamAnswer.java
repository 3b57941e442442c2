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

package io.github.healthgrpc.client.downstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a downstream last answered, as Actuator reports it: a status and its details, in
 * the order they were added. Each line's binding turns it into its own {@code Health}.
 *
 * @param status {@code UP}, {@code DOWN} or {@code UNKNOWN}: Actuator's status codes
 * @param details the details, in order
 * @author health-grpc authors
 * @since 0.1.0
 */
public record DownstreamAnswer(Status status, Map<String, Object> details) {

	/**
	 * Keep an unmodifiable copy of the details.
	 * @param status the status
	 * @param details the details, in order
	 */
	public DownstreamAnswer {
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	/**
	 * A downstream's status, named as Actuator's status codes.
	 */
	public enum Status {

		/**
		 * It answered SERVING.
		 */
		UP,

		/**
		 * It answered NOT_SERVING or SERVICE_UNKNOWN, or the call failed.
		 */
		DOWN,

		/**
		 * Not asked yet, an answer that is no status, or an answer too old to tell.
		 */
		UNKNOWN

	}

}
