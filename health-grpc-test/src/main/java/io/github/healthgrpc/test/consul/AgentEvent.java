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

package io.github.healthgrpc.test.consul;

import java.time.Instant;

/**
 * Something that happened in a {@link ConsulDevAgent}, in the order it happened: tests
 * use the history to prove an order (the check turned critical before the instance was
 * deregistered) rather than sampling the state and hoping.
 *
 * @param type what happened
 * @param id the instance id, or the check id for {@link Type#CHECK}
 * @param status the check's new status for {@link Type#CHECK}, {@code enabled} or
 * {@code disabled} for {@link Type#MAINTENANCE}, else {@code null}
 * @param at when
 * @author health-grpc authors
 * @since 0.1.0
 */
public record AgentEvent(Type type, String id, String status, Instant at) {

	/**
	 * Kinds of events.
	 */
	public enum Type {

		/**
		 * An instance was registered, or its registration changed.
		 */
		REGISTERED,

		/**
		 * An instance was deregistered (by a client or by the reaper).
		 */
		DEREGISTERED,

		/**
		 * A check was created or changed its status.
		 */
		CHECK,

		/**
		 * An instance's maintenance mode was enabled or disabled (its id is the
		 * instance's).
		 */
		MAINTENANCE

	}

	@Override
	public String toString() {
		return this.type + " " + this.id + ((this.status != null) ? " " + this.status : "");
	}

}
