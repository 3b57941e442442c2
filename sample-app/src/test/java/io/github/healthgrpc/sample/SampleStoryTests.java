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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.healthgrpc.sample.harness.Line;
import io.github.healthgrpc.sample.harness.Narrator;
import io.github.healthgrpc.sample.harness.SeedClient;
import io.github.healthgrpc.sample.harness.StoryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The README's command: the whole story, with the dev agent, the two Greeter JVMs (one
 * per Spring Boot line) and the client, ends well, every step happens for each greeter,
 * and nothing is left running.
 *
 * @author health-grpc authors
 */
class SampleStoryTests {

	private static final Map<String, Line> FLEET = Map.of("one", Line.BOOT_3, "two", Line.BOOT_4);

	@Test
	void theStoryHappensAsToldForBothGreetersAndLeavesNothingRunning() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		SampleStory story = new SampleStory(new Narrator(new PrintStream(printed, true, StandardCharsets.UTF_8)),
				StoryOptions.parse(new String[0], Map.of()));
		int code = story.run();
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(code).as(output).isZero();
		List<String> transcript = story.transcript();
		for (Predicate<String> step : expectedSteps()) {
			assertThat(transcript).as("a line " + step + "\n" + output).anyMatch(step);
		}
		assertThat(transcript).as(output)
			.containsSubsequence("== greeter one (Spring Boot 3.5 + net.devh) turns NOT_SERVING",
					"== greeter one (Spring Boot 3.5 + net.devh) comes back",
					"== greeter two (Spring Boot 4.1 + Spring Boot's gRPC) turns NOT_SERVING",
					"== greeter two (Spring Boot 4.1 + Spring Boot's gRPC) comes back", "== Shutdown");
		assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void aRealAgentIsUsedWhenOneIsConfigured() {
		StoryOptions fromEnvironment = StoryOptions.parse(new String[0],
				Map.of("CONSUL_HTTP_ADDR", "http://consul.internal:8500"));
		assertThat(fromEnvironment.consulAddress()).isEqualTo("consul.internal:8500");
		StoryOptions fromArgument = StoryOptions.parse(new String[] { "--consul=10.0.0.9:8500" },
				Map.of("CONSUL_HTTP_ADDR", "consul.internal:8500"));
		assertThat(fromArgument.consulAddress()).isEqualTo("10.0.0.9:8500");
		assertThat(StoryOptions.parse(new String[] { "--keep-running" }, Map.of()).keepRunning()).isTrue();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoryOptions.parse(new String[] { "--kep-running" }, Map.of()))
			.withMessageContaining("--keep-running");
	}

	private static List<Step> expectedSteps() {
		boolean bothInConsul = FLEET.values().stream().allMatch(Line::registersInConsul);
		List<Step> steps = new ArrayList<>();
		steps.add(startsWith("No Consul configured: started the project's Consul dev agent"));
		// weights 1 and 3: exactly a quarter and three quarters of the 400 calls
		steps.add(startsWith("Client: 400 calls to SayHello (2 s default deadline each): "
				+ (bothInConsul ? "one answered 100, two answered 300, exactly the 1:3 split"
						: "one answered 400, the only greeter in Consul")));
		FLEET.forEach((name, line) -> {
			String greeter = "greeter " + name;
			String other = name.equals("one") ? "two" : "one";
			if (line.registersInConsul()) {
				steps.add(startsWith(greeter + " (" + line.description() + ") registered as health-grpc-sample-"));
				steps.add(startsWith("Consul: " + greeter + " is critical"));
				steps.add(startsWith("Client: " + greeter + " answers calls again"));
				steps.add(startsWith("Consul: " + greeter + " deregistered"));
				if (FLEET.get(other).registersInConsul()) {
					steps.add(startsWith("Client: 10 calls in a row answered by " + other));
				}
			}
			else {
				steps.add(startsWith(greeter + " (" + line.description() + ") serves on 127.0.0.1:"));
				steps.add(startsWith(greeter + " is not in Consul: no check turns critical"));
			}
			steps.add(startsWith(greeter + ": Health/Check says NOT_SERVING after"));
			steps.add(startsWith(greeter + ": Health/Check says SERVING after"));
			steps.add(startsWith(greeter + ": SayHello(name=\"\") -> INVALID_ARGUMENT: name must not be empty"));
			steps.add(startsWith(greeter + ": SayHello(name=\"boom\") -> INTERNAL: Internal error (error id ")
				.and((text) -> !text.contains("jdbc")));
			steps.add(startsWith(greeter + ": SayHello(name=\"slow\") with a 500 ms deadline -> DEADLINE_EXCEEDED"));
			steps.add(startsWith(greeter + ": Health/Check says NOT_SERVING after")
				.and((text) -> text.endsWith("drain.")));
			steps.add(startsWith(greeter + ": process exited (code 143)"));
			if (SeedClient.find() != null) {
				steps.add(startsWith("python3 seed_client.py against " + greeter)
					.and((text) -> text.endsWith("check grpc health status successful! SERVING")));
			}
		});
		// the client's 2 s default, not the server's 30 s
		steps.add(startsWith("Client: SayHello(name=\"slow\") with no deadline of its own -> DEADLINE_EXCEEDED")
			.and((text) -> millisAfter(text) < 5_000));
		steps.add(startsWith("Consul lists no instance of health-grpc-sample"));
		steps.add(startsWith("The end: every step happened as told"));
		return steps;
	}

	private static Step startsWith(String prefix) {
		return new Step(prefix, (text) -> true);
	}

	private static long millisAfter(String line) {
		Matcher matcher = Pattern.compile("after (\\d+) ms").matcher(line);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
	}

	/**
	 * A line of the transcript: its start, and what else it must say.
	 */
	private record Step(String prefix, Predicate<String> rest) implements Predicate<String> {

		@Override
		public boolean test(String text) {
			return text.startsWith(this.prefix) && this.rest.test(text);
		}

		@Override
		public Step and(Predicate<? super String> other) {
			return new Step(this.prefix, this.rest.and(other));
		}

		@Override
		public String toString() {
			return "starting with " + this.prefix;
		}

	}

}
