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

	private final WarmUpRule rule = new WarmUpRule(Duration.ofSeconds(20), Duration.ofSeconds(60), 0.01);

	@Test
	void aQuietCycleEndsTheWarmUpOnceItHasLastedItsShortest() {
		assertThat(this.rule.quiet(Duration.ofSeconds(18), CYCLE, 0)).isFalse();
		assertThat(this.rule.quiet(Duration.ofSeconds(24), CYCLE, 0)).isTrue();
		// 1 % of 6 s
		assertThat(this.rule.quiet(Duration.ofSeconds(24), CYCLE, 60)).isTrue();
	}

	@Test
	void aCycleInWhichTheCompilersWorkedMoreIsNotQuiet() {
		assertThat(this.rule.quiet(Duration.ofSeconds(24), CYCLE, 61)).isFalse();
		assertThat(this.rule.quiet(Duration.ofSeconds(59), CYCLE, 400)).isFalse();
	}

	@Test
	void aJvmThatDoesNotTellItsCompileTimeGetsTheShortestWarmUp() {
		assertThat(this.rule.quiet(Duration.ofSeconds(18), CYCLE, -1)).isFalse();
		assertThat(this.rule.quiet(Duration.ofSeconds(24), CYCLE, -1)).isTrue();
	}

	@Test
	void endsBeforeACycleWouldPassTheLimit() {
		assertThat(this.rule.atLimit(Duration.ofSeconds(54), CYCLE)).isFalse();
		assertThat(this.rule.atLimit(Duration.ofMillis(54_001), CYCLE)).isTrue();
	}

	@Test
	void refusesALimitShorterThanTheShortestWarmUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WarmUpRule(Duration.ofSeconds(20), Duration.ofSeconds(19), 0.01))
			.withMessageContaining("--warm-up-limit (19.0 s)");
		assertThat(new WarmUpRule(Duration.ofSeconds(20), Duration.ofSeconds(20), 0.01).limit())
			.isEqualTo(Duration.ofSeconds(20));
	}

}
