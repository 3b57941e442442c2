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
 * {@code DeregisterCriticalServiceAfter}. The rule keeps the last moment the instance's
 * check is known not to have been critical yet: the start of the last check that found it
 * passing, of the last registration, or of the keeper. Its check cannot have turned
 * critical before then, so an instance missing sooner than
 * {@code DeregisterCriticalServiceAfter} after that moment cannot have been removed by
 * Consul: the agent lost it (it restarted, or it was unreachable when the application
 * started), and it is registered again at once. Missing later, with its check last seen
 * critical, Consul removed it: it is registered again once it is SERVING, at once if it
 * was not SERVING when removed, or after another {@code DeregisterCriticalServiceAfter}
 * if it was (Consul's check could not reach it or cannot pass, and coming back at once
 * would only start the same countdown again). Bounds rather than the moments the keeper
 * happened to look make the rule hold however late its checks run: a slow keeper never
 * takes Consul's removal for the agent's loss.
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

	private final BooleanSupplier serving;

	// the last moment its check is known not to have been critical yet
	private long notCriticalAt;

	// false only while the last check that found it saw its check passing: a new check
	// starts critical, and an unanswered check tells nothing
	private boolean mayBeCritical = true;

	// when the instance was found removed by Consul, or NONE
	private long reapedAt = NONE;

	// whether it was SERVING throughout since it was removed
	private boolean servingSinceReaped;

	/**
	 * Create the rule.
	 * @param deregisterAfter the instance's {@code DeregisterCriticalServiceAfter}, or
	 * {@code null} when Consul never removes it
	 * @param serving whether the instance is SERVING now
	 * @param startedAt when the keeper started, in nanoseconds: the application
	 * registered the instance just before, or the keeper's first check registers it
	 */
	ReapRule(@Nullable Duration deregisterAfter, BooleanSupplier serving, long startedAt) {
		this.deregisterAfter = deregisterAfter;
		this.serving = serving;
		this.notCriticalAt = startedAt;
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
	 * @param critical whether one of its own checks is critical, or may be (the agent did
	 * not say)
	 * @param askedAt when the check that found it asked the agent, in nanoseconds
	 */
	void present(boolean critical, long askedAt) {
		this.reapedAt = NONE;
		this.mayBeCritical = critical;
		if (!critical) {
			this.notCriticalAt = askedAt;
		}
	}

	/**
	 * The agent does not have the instance.
	 * @param answeredAt when the agent answered that, in nanoseconds
	 * @return what to do
	 */
	Verdict missing(long answeredAt) {
		boolean servingNow = this.serving.getAsBoolean();
		if (this.reapedAt == NONE) {
			if (!mayHaveBeenReaped(answeredAt)) {
				return Verdict.LOST;
			}
			this.reapedAt = answeredAt;
			this.servingSinceReaped = servingNow;
			return Verdict.REAPED;
		}
		this.servingSinceReaped &= servingNow;
		if (!servingNow || (this.servingSinceReaped && answeredAt - this.reapedAt < this.deregisterAfter.toNanos())) {
			return Verdict.HELD;
		}
		return Verdict.RECOVERED;
	}

	/**
	 * The instance is registered again.
	 * @param sentAt when the registration was sent, in nanoseconds
	 */
	void registered(long sentAt) {
		this.notCriticalAt = sentAt;
		this.mayBeCritical = true;
		this.reapedAt = NONE;
	}

	/**
	 * Return whether the instance was SERVING when Consul removed it.
	 * @return whether it was, since the removal
	 */
	boolean servingWhenReaped() {
		return this.servingSinceReaped;
	}

	private boolean mayHaveBeenReaped(long answeredAt) {
		return this.deregisterAfter != null && this.mayBeCritical
				&& answeredAt - this.notCriticalAt >= this.deregisterAfter.toNanos();
	}

}
