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

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's state on its own: indexes, checks replaced and expired, maintenance, and
 * held queries woken only when ready.
 *
 * @author health-grpc authors
 */
class AgentStateTests {

	private final AgentStateReapTests.MovingClock clock = new AgentStateReapTests.MovingClock();

	private final AgentState state = new AgentState(this.clock);

	@Test
	void aCheckResultMovesTheChecksAndTheNamesIndexButNotTheCatalogs() {
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		long checks = read(AgentState::checksIndex);
		long services = read(AgentState::servicesIndex);
		long name = read((s) -> s.nameIndex("a"));
		this.state.update(this.state.check("service:a"), "passing", "ok");
		assertThat(read(AgentState::checksIndex)).isGreaterThan(checks);
		assertThat(read((s) -> s.nameIndex("a"))).isGreaterThan(name);
		assertThat(read(AgentState::servicesIndex)).isEqualTo(services);
		// the same result again changes nothing
		long after = read(AgentState::checksIndex);
		assertThat(this.state.update(this.state.check("service:a"), "passing", "ok")).isTrue();
		assertThat(read(AgentState::checksIndex)).isEqualTo(after);
		// a name nobody registered reads the catalog's index
		assertThat(read((s) -> s.nameIndex("nobody"))).isEqualTo(read(AgentState::servicesIndex));
	}

	@Test
	void aReplacedCheckTakesNoResultsAndDeregistrationHandsBackEveryCheck() {
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Checks\":[{\"TTL\":\"30s\"},{\"TTL\":\"40s\"}]}");
		CheckEntry first = this.state.check("service:a:1");
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"new\"],\"Checks\":[{\"TTL\":\"30s\"},{\"TTL\":\"40s\"}]}");
		assertThat(this.state.update(first, "passing", "")).isFalse();
		assertThat(this.state.check("service:a:1").status).isEqualTo("critical");
		assertThat(this.state.deregister("a")).extracting((check) -> check.checkId)
			.containsExactlyInAnyOrder("service:a:1", "service:a:2");
		assertThat(this.state.check("service:a:1")).isNull();
		assertThat(this.state.hasService("a")).isFalse();
		assertThat(this.state.serviceName("a")).isNull();
	}

	@Test
	void anUnchangedRegistrationKeepsItsIndexesAndAChangedCheckMovesThem() {
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		CheckEntry before = this.state.check("service:a");
		AgentState.Changes same = register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		CheckEntry again = this.state.check("service:a");
		assertThat(again).isNotSameAs(before);
		assertThat(same.removed()).containsExactly(before);
		assertThat(again.modifyIndex).isEqualTo(before.modifyIndex);
		assertThat(again.createIndex).isEqualTo(before.createIndex);
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"60s\"}}");
		CheckEntry changed = this.state.check("service:a");
		assertThat(changed.modifyIndex).isGreaterThan(before.modifyIndex);
		assertThat(changed.createIndex).isEqualTo(before.createIndex);
		assertThat(this.state.history()).extracting(AgentEvent::toString)
			.containsExactly("REGISTERED a", "CHECK service:a critical");
	}

	@Test
	void anUnchangedRegistrationLeavesItsNamesIndexWhereItWas() {
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		long index = read((s) -> s.nameIndex("a"));
		register("{\"ID\":\"b\",\"Name\":\"b\"}");
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		assertThat(read((s) -> s.nameIndex("a"))).isEqualTo(index);
	}

	@Test
	void deregistrationRemovesOnlyTheInstancesChecks() {
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		register("{\"ID\":\"b\",\"Name\":\"b\",\"Check\":{\"TTL\":\"30s\"}}");
		assertThat(this.state.deregister("a")).extracting((check) -> check.checkId).containsExactly("service:a");
		assertThat(this.state.check("service:b")).isNotNull();
	}

	@Test
	void anExpiredTtlSaysSoOnceWithTheLastOutput() {
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Check\":{\"TTL\":\"30s\"}}");
		CheckEntry check = this.state.check("service:a");
		this.state.update(check, "passing", "all good");
		assertThat(this.state.expire(check)).isTrue();
		assertThat(check.status).isEqualTo("critical");
		assertThat(check.output).isEqualTo("TTL expired (last output before timeout follows): all good");
		this.state.expire(check);
		assertThat(check.output).isEqualTo("TTL expired");
		this.state.expire(check);
		assertThat(check.output).isEqualTo("TTL expired");
		this.state.deregister("a");
		assertThat(this.state.expire(check)).isFalse();
	}

	@Test
	void maintenanceMovesTheNamesIndexBothWaysAndOnlyWhenItChanges() {
		register("{\"ID\":\"a\",\"Name\":\"a\"}");
		long before = read((s) -> s.nameIndex("a"));
		this.state.maintenance("a", true, "");
		long enabled = read((s) -> s.nameIndex("a"));
		assertThat(enabled).isGreaterThan(before);
		this.state.maintenance("a", true, "again");
		assertThat(read((s) -> s.nameIndex("a"))).isEqualTo(enabled);
		this.state.maintenance("a", false, "");
		assertThat(read((s) -> s.nameIndex("a"))).isGreaterThan(enabled);
		assertThat(this.state.check(AgentState.MAINTENANCE_PREFIX + "a")).isNull();
		long disabled = read((s) -> s.nameIndex("a"));
		this.state.maintenance("a", false, "");
		assertThat(read((s) -> s.nameIndex("a"))).isEqualTo(disabled);
		assertThat(this.state.history()).extracting(AgentEvent::toString)
			.containsExactly("REGISTERED a", "MAINTENANCE a enabled", "MAINTENANCE a disabled");
	}

	@Test
	void aHeldQueryWakesOnlyWhenReadyAndOnce() {
		AtomicInteger answers = new AtomicInteger();
		register("{\"ID\":\"a\",\"Name\":\"a\"}");
		long index = read((s) -> s.nameIndex("a"));
		HeldQuery query = new HeldQuery((s) -> s.nameIndex("a") > index, answers::incrementAndGet);
		assertThat(this.state.hold(query)).isTrue();
		assertThat(this.state.heldQueries()).isEqualTo(1);
		// a change elsewhere leaves it held
		register("{\"ID\":\"b\",\"Name\":\"b\"}");
		assertThat(answers).hasValue(0);
		assertThat(this.state.heldQueries()).isEqualTo(1);
		register("{\"ID\":\"a\",\"Name\":\"a\",\"Tags\":[\"t\"]}");
		assertThat(answers).hasValue(1);
		assertThat(this.state.heldQueries()).isZero();
		assertThat(query.wake()).isTrue();
		assertThat(answers).hasValue(1);
		// one that is ready at once is not held
		assertThat(this.state.hold(new HeldQuery((s) -> true, answers::incrementAndGet))).isFalse();
		assertThat(this.state.heldQueries()).isZero();
	}

	@Test
	void aDroppedQueryIsNeverAnsweredAndItsTimeoutIsCancelled() throws Exception {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try {
			AtomicInteger answers = new AtomicInteger();
			HeldQuery dropped = new HeldQuery((s) -> false, answers::incrementAndGet);
			this.state.hold(dropped);
			ScheduledFuture<?> timeout = timer.schedule(() -> {
			}, 1, TimeUnit.HOURS);
			dropped.timeout(timeout);
			this.state.release(dropped);
			dropped.drop();
			assertThat(timeout.isCancelled()).isTrue();
			assertThat(dropped.wake()).isTrue();
			assertThat(answers).hasValue(0);
			assertThat(this.state.heldQueries()).isZero();
			// a timeout set after the end is cancelled at once
			ScheduledFuture<?> late = timer.schedule(() -> {
			}, 1, TimeUnit.HOURS);
			dropped.timeout(late);
			assertThat(late.isCancelled()).isTrue();
			// and one ended without a timeout ends cleanly
			new HeldQuery((s) -> false, answers::incrementAndGet).drop();
		}
		finally {
			timer.shutdownNow();
		}
	}

	private long read(java.util.function.ToLongFunction<AgentState> index) {
		return this.state.read(index, (s) -> null).index();
	}

	private AgentState.Changes register(String json) {
		try {
			return this.state.register(ServiceDefinition.parse(new ObjectMapper().readTree(json)));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
