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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Options}.
 *
 * @author health-grpc authors
 */
class OptionsTests {

	@Test
	void theFullRunHasSevenRoundsOfEveryTargetWithinTwoHours() {
		Options options = Options.parse();
		assertThat(options.rounds).isEqualTo(7);
		assertThat(options.targets).containsExactly(Target.values());
		assertThat(options.watchers).containsExactly(1_000, 10_000);
		assertThat(options.expected()).isLessThan(Duration.ofMinutes(120)).isGreaterThan(Duration.ofMinutes(45));
		assertThat(options.jar(Line.BOOT4))
			.isEqualTo(Path.of("benchmarks", "boot4-server", "target", "boot4-server.jar"));
	}

	@Test
	void poolsTheRunsOfTheFoldersGivenInTheirOrder() {
		assertThat(Options.parse().pool).isEmpty();
		assertThat(Options.parse("--pool=runs/a, runs/b").pool)
			.containsExactly(PooledRuns.Source.all(Path.of("runs/a")), PooledRuns.Source.all(Path.of("runs/b")));
		assertThat(Options.parse("--pool=runs/a:check+probe,runs/b").pool).containsExactly(
				new PooledRuns.Source(Path.of("runs/a"), List.of("check", "probe")),
				PooledRuns.Source.all(Path.of("runs/b")));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--pool="))
			.withMessageStartingWith("--pool names no folder");
	}

	@Test
	void quickIsShortGivesIntervalsButDecidesNothing() {
		Options options = Options.parse("--quick");
		// an interval needs rounds to resample; a verdict needs issue 17's 7 rounds
		assertThat(options.rounds).isGreaterThanOrEqualTo(3).isLessThan(Goal.MIN_ROUNDS);
		assertThat(Options.parse().rounds).isGreaterThanOrEqualTo(Goal.MIN_ROUNDS);
		assertThat(options.expected()).isLessThan(Duration.ofMinutes(10));
		assertThat(Options.parse("--quick", "--rounds=1").rounds).isEqualTo(1);
	}

	@Test
	void parsesEveryOption() {
		Options options = Options.parse("--rounds=9", "--warm-up=2", "--warm-up-limit=7.5", "--concurrency-warm-up=1.5",
				"--slices=3", "--settle=0.5", "--measure=4", "--watchers=10000,1000", "--flips=4", "--probes=50",
				"--targets=starter4,bare4", "--out=/tmp/x", "--boot3-jar=a.jar", "--boot4-jar=b.jar", "--server-cpus=1",
				"--unpinned-reason=why", "--server-jvm-options= -Xlog:gc:file=/tmp/{target}.log  -Xlog:safepoint ");
		assertThat(options.rounds).isEqualTo(9);
		assertThat(options.warmUp).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.warmUpLimit).isEqualTo(Duration.ofMillis(7500));
		assertThat(options.warmUpRule()).isEqualTo(new WarmUpRule(Duration.ofSeconds(2), Duration.ofMillis(7500)));
		assertThat(options.concurrencyWarmUp).isEqualTo(Duration.ofMillis(1500));
		assertThat(options.slices).isEqualTo(3);
		assertThat(options.settle).isEqualTo(Duration.ofMillis(500));
		assertThat(options.measured).isEqualTo(Duration.ofSeconds(4));
		assertThat(options.watchers).containsExactly(1_000, 10_000);
		assertThat(options.maxWatchers()).isEqualTo(10_000);
		assertThat(options.flips).isEqualTo(4);
		assertThat(options.probes).isEqualTo(50);
		assertThat(options.targets).containsExactly(Target.BARE4, Target.STARTER4);
		assertThat(options.out).isEqualTo(Path.of("/tmp/x"));
		assertThat(options.jar(Line.BOOT3)).isEqualTo(Path.of("a.jar"));
		assertThat(options.jar(Line.BOOT4)).isEqualTo(Path.of("b.jar"));
		assertThat(options.serverCpus).isEqualTo("1");
		assertThat(options.unpinnedReason).isEqualTo("why");
		assertThat(options.serverJvmOptions(Target.STARTER4)).containsExactly("-Xlog:gc:file=/tmp/starter4.log",
				"-Xlog:safepoint");
		assertThat(Options.parse().serverJvmOptions(Target.BARE)).isEmpty();
	}

	@Test
	void refusesWhatItDoesNotKnow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--round=3"))
			.withMessageContaining("unknown option --round=3");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--targets=nope"))
			.withMessageContaining("unknown target nope");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--rounds=0"))
			.withMessageContaining("--rounds must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--slices=0"))
			.withMessageContaining("--slices must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--measure=-1"))
			.withMessageContaining("must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--warm-up=30", "--warm-up-limit=20"))
			.withMessage("--warm-up-limit (20.0 s) must not be shorter than --warm-up (30.0 s)");
	}

	@Test
	void aLongerShortestWarmUpRaisesALimitNotGiven() {
		assertThat(Options.parse("--warm-up=120").warmUpLimit).isEqualTo(Duration.ofSeconds(120));
		assertThat(Options.parse("--quick", "--warm-up=5").warmUpLimit).isEqualTo(Duration.ofSeconds(5));
		assertThat(Options.parse("--warm-up=5").warmUpLimit).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void fewerTargetsTakeLess() {
		assertThat(Options.parse("--targets=bare,starter").expected()).isLessThan(Options.parse().expected());
		assertThat(Options.parse("--rounds=14").expected()).isEqualTo(Options.parse().expected().multipliedBy(2));
		assertThat(Options.parse("--slices=40").expected()).isGreaterThan(Options.parse().expected());
		assertThat(Options.parse("--concurrency-warm-up=10").expected()).isGreaterThan(Options.parse().expected());
		assertThat(Options.parse("--warm-up-limit=21").expected()).isLessThan(Options.parse().expected());
	}

}
