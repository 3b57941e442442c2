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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which services Consul's reaper removes, on a clock the test moves: critical strictly
 * longer than {@code DeregisterCriticalServiceAfter} (raised to the minimum), counted
 * from the first critical result since the check was registered.
 *
 * @author health-grpc authors
 */
class AgentStateReapTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final MovingClock clock = new MovingClock();

	private final AgentState state = new AgentState(this.clock);

	@Test
	void theTimeCriticalCountsFromTheFirstCriticalResultNotFromTheRegistration() {
		register("a", "90s");
		// registered critical, but no result yet: Consul's clock has not started
		this.clock.move(Duration.ofMinutes(10));
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
		result("critical", "TTL expired");
		this.clock.move(Duration.ofSeconds(90));
		// strictly longer than the time
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
		this.clock.move(Duration.ofNanos(1));
		assertThat(this.state.criticalTooLong(MINUTE)).containsExactly("a");
	}

	@Test
	void anotherCriticalResultDoesNotRestartTheClockButAPassingOneStopsIt() {
		register("a", "90s");
		result("critical", "one");
		this.clock.move(Duration.ofSeconds(60));
		result("critical", "two");
		this.clock.move(Duration.ofSeconds(31));
		assertThat(this.state.criticalTooLong(MINUTE)).containsExactly("a");
		result("passing", "");
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
		result("critical", "three");
		this.clock.move(Duration.ofSeconds(90));
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
	}

	@Test
	void aRegistrationAgainEvenUnchangedRestartsTheClock() {
		register("a", "90s");
		result("critical", "down");
		this.clock.move(Duration.ofSeconds(80));
		AgentState.Changes changes = register("a", "90s");
		// the check restarts, keeping its status
		assertThat(changes.added()).singleElement()
			.satisfies((check) -> assertThat(check.status).isEqualTo("critical"));
		this.clock.move(Duration.ofSeconds(80));
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
		result("critical", "down");
		this.clock.move(Duration.ofSeconds(91));
		assertThat(this.state.criticalTooLong(MINUTE)).containsExactly("a");
	}

	@Test
	void aShorterTimeIsRaisedToTheMinimum() {
		register("a", "10s");
		result("critical", "down");
		this.clock.move(Duration.ofSeconds(30));
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
		assertThat(this.state.criticalTooLong(Duration.ZERO)).containsExactly("a");
		this.clock.move(Duration.ofSeconds(31));
		assertThat(this.state.criticalTooLong(MINUTE)).containsExactly("a");
	}

	@Test
	void aTestsOverrideReplacesEveryRegisteredTimeButReapsNothingElse() {
		register("a", "10m");
		register("b", "");
		this.state.update(this.state.check("service:a"), "critical", "down");
		this.state.update(this.state.check("service:b"), "critical", "down");
		this.clock.move(Duration.ofSeconds(1));
		assertThat(this.state.criticalTooLong(MINUTE, Duration.ofSeconds(1))).isEmpty();
		this.clock.move(Duration.ofNanos(1));
		assertThat(this.state.criticalTooLong(MINUTE, Duration.ofSeconds(1))).containsExactly("a");
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
	}

	@Test
	void maintenanceAndChecksWithoutTheSettingNeverCount() {
		register("a", "");
		this.state.register(ServiceDefinition.parse(json("{\"ID\":\"b\",\"Name\":\"b\",\"Check\":{\"TTL\":\"30s\","
				+ "\"Status\":\"passing\",\"DeregisterCriticalServiceAfter\":\"1m\"}}")));
		result("critical", "down");
		this.state.maintenance("b", true, "");
		this.clock.move(Duration.ofHours(1));
		assertThat(this.state.criticalTooLong(MINUTE)).isEmpty();
	}

	private void result(String status, String output) {
		this.state.update(this.state.check("service:a"), status, output);
	}

	private AgentState.Changes register(String id, String deregisterAfter) {
		String after = deregisterAfter.isEmpty() ? ""
				: ",\"DeregisterCriticalServiceAfter\":\"" + deregisterAfter + "\"";
		return this.state.register(ServiceDefinition
			.parse(json("{\"ID\":\"" + id + "\",\"Name\":\"" + id + "\",\"Check\":{\"TTL\":\"30s\"" + after + "}}")));
	}

	private static com.fasterxml.jackson.databind.JsonNode json(String text) {
		try {
			return new ObjectMapper().readTree(text);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * A clock that moves only when told.
	 */
	static final class MovingClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void move(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
