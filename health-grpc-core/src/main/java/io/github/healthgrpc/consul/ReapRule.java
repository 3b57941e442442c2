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

package io.github.healthgrpc.consul;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.springframework.lang.Nullable;

/**
 * Tells, when the agent no longer has the instance, whether the agent lost it or Consul
 * removed it, and when to register it again.
 *
 * <p>
 * Consul removes an instance whose check stayed critical for its
 * {@code DeregisterCriticalServiceAfter}. So a missing instance whose own check the
 * keeper last saw critical, and critical for about that long, was removed by Consul: it
 * is registered again once it is SERVING: at once if it was not SERVING when removed, or
 * after another {@code DeregisterCriticalServiceAfter} if it was (Consul's check could
 * not reach it or cannot pass, and coming back at once would only start the same
 * countdown again). Any other missing instance was lost by the agent (it restarted, or it
 * was unreachable when the application started): it is registered again at once.
 *
 * <p>
 * Not thread-safe: used by one keeper check at a time.
 *
 * @author health-grpc authors
 */
final class ReapRule {

	/**
	 * What to do about a missing instance.
	 */
	enum Verdict {

		/**
		 * The agent lost it: register it again now.
		 */
		LOST,

		/**
		 * Consul removed it just now: wait.
		 */
		REAPED,

		/**
		 * Removed by Consul, and not to be registered yet.
		 */
		HELD,

		/**
		 * Removed by Consul earlier, and it may come back now.
		 */
		RECOVERED

	}

	private static final long NONE = Long.MIN_VALUE;

	@Nullable
	private final Duration deregisterAfter;

	private final Duration slack;

	private final BooleanSupplier serving;

	// when a check first saw the instance's check critical, in this streak
	private long criticalSince = NONE;

	// when the instance was found removed by Consul, or NONE
	private long reapedAt = NONE;

	// whether it was SERVING throughout since it was removed
	private boolean servingSinceReaped;

	/**
	 * Create the rule.
	 * @param deregisterAfter the instance's {@code DeregisterCriticalServiceAfter}, or
	 * {@code null} when Consul never removes it
	 * @param slack how much of the critical time the keeper may not have seen (its
	 * interval)
	 * @param serving whether the instance is SERVING now
	 */
	ReapRule(@Nullable Duration deregisterAfter, Duration slack, BooleanSupplier serving) {
		this.deregisterAfter = deregisterAfter;
		this.slack = slack;
		this.serving = serving;
	}

	/**
	 * Return whether the status of the instance's own checks matters.
	 * @return whether Consul may remove the instance
	 */
	boolean watchesChecks() {
		return this.deregisterAfter != null;
	}

	/**
	 * The agent has the instance.
	 * @param critical whether one of its own checks is critical
	 * @param now the time, in nanoseconds
	 */
	void present(boolean critical, long now) {
		this.reapedAt = NONE;
		if (!critical) {
			this.criticalSince = NONE;
		}
		else if (this.criticalSince == NONE) {
			this.criticalSince = now;
		}
	}

	/**
	 * The agent does not have the instance.
	 * @param now the time, in nanoseconds
	 * @return what to do
	 */
	Verdict missing(long now) {
		boolean servingNow = this.serving.getAsBoolean();
		if (this.reapedAt == NONE) {
			if (!criticalLongEnough(now)) {
				this.criticalSince = NONE;
				return Verdict.LOST;
			}
			this.reapedAt = now;
			this.servingSinceReaped = servingNow;
			return Verdict.REAPED;
		}
		this.servingSinceReaped &= servingNow;
		if (!servingNow || (this.servingSinceReaped && now - this.reapedAt < this.deregisterAfter.toNanos())) {
			return Verdict.HELD;
		}
		return Verdict.RECOVERED;
	}

	/**
	 * The instance was registered again.
	 */
	void registered() {
		this.criticalSince = NONE;
		this.reapedAt = NONE;
	}

	/**
	 * Return whether the instance was SERVING when Consul removed it.
	 * @return whether it was, since the removal
	 */
	boolean servingWhenReaped() {
		return this.servingSinceReaped;
	}

	private boolean criticalLongEnough(long now) {
		return this.deregisterAfter != null && this.criticalSince != NONE
				&& now - this.criticalSince >= this.deregisterAfter.minus(this.slack).toNanos();
	}

}
