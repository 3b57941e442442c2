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

package io.github.healthgrpc.benchmarks.server;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BenchServer}: the protocol the driver speaks with every server.
 *
 * @author health-grpc authors
 */
class BenchServerTests {

	private final List<String> statuses = new ArrayList<>();

	private final HealthTarget target = HealthTarget.of(() -> 4711,
			(service, serving) -> this.statuses.add(service + "=" + serving), () -> this.statuses.add("closed"));

	@Test
	void announcesThePortWithTheWatchedServiceServing() throws Exception {
		List<String> replies = serve("quit");
		assertThat(this.statuses).containsExactly(BenchServer.WATCHED_SERVICE + "=true");
		assertThat(replies).hasSize(1);
		String[] ready = replies.get(0).split(" ");
		assertThat(ready[0]).isEqualTo("@@READY");
		assertThat(ready[1]).isEqualTo("4711");
		assertThat(Long.parseLong(ready[2])).isPositive();
		assertThat(Integer.parseInt(ready[3])).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void answersEveryCommandWithOneLine() throws Exception {
		List<String> replies = serve("set bench.Other NOT_SERVING", "set bench.Other SERVING", "cpu", "heap", "bogus",
				"quit", "set bench.Other NOT_SERVING");
		assertThat(this.statuses).containsExactly(BenchServer.WATCHED_SERVICE + "=true", "bench.Other=false",
				"bench.Other=true");
		assertThat(replies).hasSize(6);
		assertThat(replies.get(1)).matches("@@OK \\d+");
		assertThat(replies.get(2)).matches("@@OK \\d+");
		// this JVM has a JIT that tells its time: -1 would be wrong here
		assertThat(replies.get(3)).matches("@@CPU \\d+ \\d+");
		assertThat(replies.get(4)).matches("@@HEAP \\d+");
		assertThat(replies.get(5)).isEqualTo("@@ERROR unknown command bogus");
	}

	@Test
	void tellsTheTimeTheCompilersSpentSoFar() throws Exception {
		long spent = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
		long after = compileMillis(serve("cpu").get(1));
		assertThat(after).isBetween(spent, ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
	}

	private static long compileMillis(String reply) {
		return Long.parseLong(reply.split(" ")[2]);
	}

	@Test
	void endOfInputEndsTheLoop() throws Exception {
		assertThat(serve("cpu")).hasSize(2);
	}

	private List<String> serve(String... commands) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			BenchServer.serve(this.target, new BufferedReader(new StringReader(String.join("\n", commands))), out);
		}
		return bytes.toString(StandardCharsets.UTF_8).lines().toList();
	}

}
