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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Go's duration syntax, read and written as Consul does.
 *
 * @author health-grpc authors
 */
class GoDurationTests {

	@Test
	void readsWhatSpringCloudConsulUsersWrite() {
		assertThat(GoDuration.parse("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(GoDuration.parse("30m")).isEqualTo(Duration.ofMinutes(30));
		assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
		assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(GoDuration.parse(".5h")).isEqualTo(Duration.ofMinutes(30));
		assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
		assertThat(GoDuration.parse("250µs")).isEqualTo(Duration.ofNanos(250_000));
		assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
		assertThat(GoDuration.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
		assertThat(GoDuration.parse("0")).isZero();
		assertThat(GoDuration.parse("+3s")).isEqualTo(Duration.ofSeconds(3));
		assertThat(GoDuration.parse("-3s")).isEqualTo(Duration.ofSeconds(-3));
	}

	@Test
	void refusesWhatConsulRefuses() {
		for (String bad : new String[] { "", " ", "10", "s", "10 s", "10sec", "1d", "ten seconds", "1m30", "--1s",
				"1.2.3s" }) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> GoDuration.parse(bad))
				.withMessageStartingWith("not a duration: '" + bad + "'");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(null));
	}

	@Test
	void writesTheCoarsestExactUnit() {
		assertThat(GoDuration.format(Duration.ofMinutes(10))).isEqualTo("600s");
		assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(GoDuration.format(Duration.ofNanos(1_000_001))).isEqualTo("1000001ns");
		assertThat(GoDuration.parse(GoDuration.format(Duration.ofNanos(123_456_789)))).hasNanos(123_456_789);
	}

}
