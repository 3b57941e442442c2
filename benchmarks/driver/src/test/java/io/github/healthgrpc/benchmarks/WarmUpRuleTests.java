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

package io.github.healthgrpc.benchmarks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WarmUpRule}.
 *
 * @author health-grpc authors
 */
class WarmUpRuleTests {

	private static final Duration CYCLE = Duration.ofSeconds(6);

	private final WarmUpRule rule = new WarmUpRule(Duration.ofSeconds(20), Duration.ofSeconds(60));

	@Test
	void aCycleIsQuietWhenItsCompilationsTookAtMostTheShare() {
		assertThat(this.rule.quiet(CYCLE, 0)).isTrue();
		// 1 % of 6 s
		assertThat(this.rule.quiet(CYCLE, 60)).isTrue();
		assertThat(this.rule.quiet(CYCLE, 61)).isFalse();
	}

	@Test
	void aQuietCycleEndsTheWarmUpOnlyOnceItHasLastedItsShortest() {
		assertThat(this.rule.done(Duration.ofSeconds(18), CYCLE, 0)).isFalse();
		assertThat(this.rule.done(Duration.ofSeconds(24), CYCLE, 0)).isTrue();
		assertThat(this.rule.done(Duration.ofSeconds(24), CYCLE, 61)).isFalse();
	}

	@Test
	void endsBeforeACycleWouldPassTheLimitWhateverTheCompilersDo() {
		assertThat(this.rule.done(Duration.ofSeconds(54), CYCLE, 400)).isFalse();
		assertThat(this.rule.done(Duration.ofMillis(54_001), CYCLE, 400)).isTrue();
	}

	@Test
	void theShortestWarmUpHoldsEvenWhenTheLimitLeavesNoRoomForACycle() {
		WarmUpRule tight = new WarmUpRule(Duration.ofSeconds(20), Duration.ofSeconds(20));
		assertThat(tight.done(Duration.ofMillis(18_300), CYCLE, 400)).isFalse();
		assertThat(tight.done(Duration.ofMillis(24_400), CYCLE, 400)).isTrue();
	}

	@Test
	void aJvmThatDoesNotTellItsCompileTimeGetsTheShortestWarmUp() {
		assertThat(this.rule.quiet(CYCLE, -1)).isTrue();
		assertThat(this.rule.done(Duration.ofSeconds(18), CYCLE, -1)).isFalse();
		assertThat(this.rule.done(Duration.ofSeconds(24), CYCLE, -1)).isTrue();
	}

	@Test
	void aStepIsTheConcurrencyWarmUpOrOneSecondWithoutOne() {
		assertThat(WarmUpRule.step(Duration.ofMillis(2500))).isEqualTo(Duration.ofMillis(2500));
		assertThat(WarmUpRule.step(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void refusesALimitShorterThanTheShortestWarmUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WarmUpRule(Duration.ofSeconds(20), Duration.ofSeconds(19)))
			.withMessage("--warm-up-limit (19.0 s) must not be shorter than --warm-up (20.0 s)");
	}

}
