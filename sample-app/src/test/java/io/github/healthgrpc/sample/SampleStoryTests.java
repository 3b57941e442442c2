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

package io.github.healthgrpc.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The README's command: the whole story, with the dev agent, two Greeter JVMs and the
 * client, ends well and leaves nothing running.
 *
 * @author health-grpc authors
 */
class SampleStoryTests {

	@Test
	void theStoryHappensAsToldAndLeavesNothingRunning() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		SampleStory story = new SampleStory(new Narrator(new PrintStream(printed, true, StandardCharsets.UTF_8)),
				SampleStory.Options.parse(new String[0], Map.of()));
		int code = story.run();
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(code).as(output).isZero();
		List<String> transcript = story.transcript();
		assertThat(transcript).as(output)
			.anyMatch((line) -> line.startsWith("No Consul configured: started the project's Consul dev agent"))
			.anyMatch((line) -> line.startsWith("Client: 400 calls to SayHello") && weightedAsConfigured(line))
			.anyMatch((line) -> line.startsWith("greeter one: Health/Check says NOT_SERVING"))
			.anyMatch((line) -> line.startsWith("Consul: greeter one is critical"))
			.anyMatch((line) -> line.startsWith("Client: 10 calls in a row answered by two"))
			.anyMatch((line) -> line.startsWith("Client: greeter one answers calls again"))
			.anyMatch((line) -> line.startsWith("SayHello(name=\"\") -> INVALID_ARGUMENT: name must not be empty"))
			.anyMatch((line) -> line.startsWith("SayHello(name=\"boom\") -> INTERNAL: Internal error (error id ")
					&& !line.contains("jdbc"))
			.anyMatch((line) -> line.startsWith("SayHello(name=\"slow\") with a 500 ms deadline -> DEADLINE_EXCEEDED"))
			// the client's 2 s default, not the server's 30 s
			.anyMatch((
					line) -> line.startsWith("SayHello(name=\"slow\") with no deadline of its own -> DEADLINE_EXCEEDED")
							&& millisAfter(line) < 5_000)
			.anyMatch((line) -> line.startsWith("Consul: greeter two deregistered"))
			.anyMatch((line) -> line.startsWith("Consul lists no instance of health-grpc-sample"))
			.anyMatch((line) -> line.startsWith("The end: every step happened as told"));
		assertThat(transcript).as(output)
			.containsSubsequence("== Greeter one turns NOT_SERVING", "== Greeter one comes back", "== Shutdown");
		if (SeedClient.find() != null) {
			assertThat(transcript).as(output)
				.anyMatch((line) -> line.startsWith("python3 seed_client.py")
						&& line.endsWith("check grpc health status successful! SERVING"));
		}
		assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void aRealAgentIsUsedWhenOneIsConfigured() {
		SampleStory.Options fromEnvironment = SampleStory.Options.parse(new String[0],
				Map.of("CONSUL_HTTP_ADDR", "http://consul.internal:8500"));
		assertThat(fromEnvironment.consulAddress()).isEqualTo("consul.internal:8500");
		SampleStory.Options fromArgument = SampleStory.Options.parse(new String[] { "--consul=10.0.0.9:8500" },
				Map.of("CONSUL_HTTP_ADDR", "consul.internal:8500"));
		assertThat(fromArgument.consulAddress()).isEqualTo("10.0.0.9:8500");
		assertThat(SampleStory.Options.parse(new String[] { "--keep-running" }, Map.of()).keepRunning()).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SampleStory.Options.parse(new String[] { "--kep-running" }, Map.of()))
			.withMessageContaining("--keep-running");
	}

	// weights 1 and 3: exactly a quarter and three quarters of the 400 calls
	private static boolean weightedAsConfigured(String line) {
		return line.contains("one answered 100, two answered 300, exactly the 1:3 split");
	}

	private static long millisAfter(String line) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("after (\\d+) ms").matcher(line);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
	}

}
