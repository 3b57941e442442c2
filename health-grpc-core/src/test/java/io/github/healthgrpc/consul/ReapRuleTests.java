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
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.healthgrpc.consul.ReapRule.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keeper's rule for a missing instance, on a clock of its own: lost by the agent (at
 * once), or removed by Consul after its check stayed critical (once SERVING again).
 *
 * @author health-grpc authors
 */
class ReapRuleTests {

	private static final long SECOND = 1_000_000_000L;

	private static final Duration AFTER = Duration.ofMinutes(1);

	private final AtomicBoolean serving = new AtomicBoolean(true);

	// the keeper started at 0
	private final ReapRule rule = new ReapRule(AFTER, this.serving::get, 0);

	@Test
	void aMissingInstanceWhoseCheckWasPassingWasLostByTheAgent() {
		this.rule.present(false, 0);
		this.rule.present(false, 10 * SECOND);
		assertThat(this.rule.missing(20 * SECOND)).isEqualTo(Verdict.LOST);
		assertThat(this.rule.watchesChecks()).isTrue();
	}

	@Test
	void lastSeenPassingItWasLostHoweverLongAgoThatWas() {
		// the agent could not be reached for ten minutes, then forgot the instance
		this.rule.present(false, 10 * SECOND);
		assertThat(this.rule.missing(610 * SECOND)).isEqualTo(Verdict.LOST);
	}

	@Test
	void aCheckThatCannotHaveBeenCriticalLongEnoughWasLost() {
		this.rule.present(false, 0);
		this.rule.present(true, 10 * SECOND);
		// passing when asked at 0: critical for less than 60 s at 59 s
		assertThat(this.rule.missing(59 * SECOND)).isEqualTo(Verdict.LOST);
	}

	@Test
	void aKeeperThatLooksLateStillTellsConsulsRemoval() {
		// started at 0, its check critical from its registration; the keeper's first
		// look came late, at 50 s, and the next at 65 s: critical since 0 for all it
		// knows
		this.rule.present(true, 50 * SECOND);
		assertThat(this.rule.missing(65 * SECOND)).isEqualTo(Verdict.REAPED);
	}

	@Test
	void aStreakStartsAgainWhenTheCheckPassesAgain() {
		this.rule.present(true, 0);
		this.rule.present(false, 30 * SECOND);
		this.rule.present(true, 40 * SECOND);
		// passing when asked at 30 s: critical for less than 60 s at 80 s
		assertThat(this.rule.missing(80 * SECOND)).isEqualTo(Verdict.LOST);
	}

	@Test
	void removedWhileNotServingItComesBackOnceServing() {
		this.serving.set(false);
		this.rule.present(true, 10 * SECOND);
		assertThat(this.rule.missing(60 * SECOND)).isEqualTo(Verdict.REAPED);
		assertThat(this.rule.servingWhenReaped()).isFalse();
		assertThat(this.rule.missing(70 * SECOND)).isEqualTo(Verdict.HELD);
		assertThat(this.rule.missing(600 * SECOND)).isEqualTo(Verdict.HELD);
		this.serving.set(true);
		assertThat(this.rule.missing(610 * SECOND)).isEqualTo(Verdict.RECOVERED);
		this.rule.registered(610 * SECOND);
		// registered again: its new check starts critical, and cannot have been
		// critical for long enough a moment later
		this.rule.present(true, 611 * SECOND);
		assertThat(this.rule.missing(612 * SECOND)).isEqualTo(Verdict.LOST);
	}

	@Test
	void removedWhileServingItComesBackAfterAnotherPeriod() {
		this.rule.present(true, 0);
		assertThat(this.rule.missing(70 * SECOND)).isEqualTo(Verdict.REAPED);
		assertThat(this.rule.servingWhenReaped()).isTrue();
		assertThat(this.rule.missing(100 * SECOND)).isEqualTo(Verdict.HELD);
		assertThat(this.rule.missing(129 * SECOND)).isEqualTo(Verdict.HELD);
		assertThat(this.rule.missing(130 * SECOND)).isEqualTo(Verdict.RECOVERED);
	}

	@Test
	void removedWhileServingThenNotServingItComesBackOnceServingAgain() {
		this.rule.present(true, 0);
		assertThat(this.rule.missing(70 * SECOND)).isEqualTo(Verdict.REAPED);
		this.serving.set(false);
		assertThat(this.rule.missing(80 * SECOND)).isEqualTo(Verdict.HELD);
		this.serving.set(true);
		assertThat(this.rule.missing(90 * SECOND)).isEqualTo(Verdict.RECOVERED);
	}

	@Test
	void seenAgainAfterARemovalItIsTrackedAfresh() {
		this.rule.present(true, 0);
		assertThat(this.rule.missing(70 * SECOND)).isEqualTo(Verdict.REAPED);
		// registered by someone else meanwhile
		this.rule.present(false, 80 * SECOND);
		assertThat(this.rule.missing(90 * SECOND)).isEqualTo(Verdict.LOST);
	}

	@Test
	void withoutDeregistrationEveryMissingInstanceWasLost() {
		ReapRule never = new ReapRule(null, () -> false, 0);
		assertThat(never.watchesChecks()).isFalse();
		never.present(true, 0);
		assertThat(never.missing(3600 * SECOND)).isEqualTo(Verdict.LOST);
	}

}
