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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.healthgrpc.sample.client.GreeterClient;
import io.github.healthgrpc.sample.client.GreeterClientApplication;
import io.github.healthgrpc.sample.harness.Calls;
import io.github.healthgrpc.sample.harness.ConsulAgent;
import io.github.healthgrpc.sample.harness.ConsulView;
import io.github.healthgrpc.sample.harness.Fleet;
import io.github.healthgrpc.sample.harness.Greeter;
import io.github.healthgrpc.sample.harness.Line;
import io.github.healthgrpc.sample.harness.Narrator;
import io.github.healthgrpc.sample.harness.SeedClient;
import io.github.healthgrpc.sample.harness.StoryOptions;
import io.github.healthgrpc.sample.harness.Waits;
import io.github.healthgrpc.sample.harness.Waits.StoryFailure;
import io.github.healthgrpc.sample.v1.HelloRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.healthgrpc.sample.harness.Narrator.millis;

/**
 * The sample's story: a Consul agent, a fleet of two Greeters in JVMs of their own
 * (greeter one on Spring Boot 3.5 + net.devh, greeter two on Spring Boot 4.1 + Spring
 * Boot's gRPC) that register with native GRPC checks, and a client Spring service that
 * finds them through {@code discovery:///}. It switches each greeter NOT_SERVING and
 * back, shows errors and deadlines, asks like the seed's Python client, shuts everything
 * down, and narrates each step with how long it took. The harness (processes, waits,
 * narration, Consul's view) is in {@code harness}.
 *
 * @author health-grpc authors
 */
public final class SampleStory {

	static final String SERVICE = "health-grpc-sample";

	static final int WEIGHTED_CALLS = 400;

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final Narrator narrator;

	private final StoryOptions options;

	private final Fleet fleet;

	// guarded by this: the shutdown hook may run at any moment
	private ConsulAgent consul;

	// guarded by this
	private ConfigurableApplicationContext client;

	// guarded by this
	private boolean cleanedUp;

	SampleStory(Narrator narrator, StoryOptions options) {
		this.narrator = narrator;
		this.options = options;
		this.fleet = new Fleet(options.logs());
	}

	public static void main(String[] args) {
		SampleStory story = new SampleStory(new Narrator(System.out), StoryOptions.parse(args, System.getenv()));
		// Ctrl-C, or a kill of this JVM: stop the servers it started
		Runtime.getRuntime().addShutdownHook(new Thread(story::cleanUp, "sample-story-cleanup"));
		System.exit(story.run());
	}

	/**
	 * Tell the story.
	 * @return the exit code: 0 when every step happened as told
	 */
	int run() {
		long started = System.nanoTime();
		try {
			startConsul();
			startFleet();
			startClient();
			for (Greeter greeter : this.fleet.greeters()) {
				turnNotServing(greeter);
				bringBack(greeter);
			}
			showErrorsAndDeadlines();
			askLikeTheSeed();
			if (this.options.keepRunning()) {
				keepRunning();
			}
			shutDown();
			say("The end: every step happened as told, in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
					+ " s.");
			return 0;
		}
		catch (RuntimeException ex) {
			say("FAILED: " + ((ex instanceof StoryFailure) ? ex.getMessage() : ex.toString()));
			say("The servers' logs are in " + this.options.logs().toAbsolutePath());
			return 1;
		}
		finally {
			cleanUp();
		}
	}

	List<String> transcript() {
		return this.narrator.transcript();
	}

	private void startConsul() {
		this.narrator.chapter("Consul");
		String address = this.options.consulAddress();
		ConsulAgent agent = (address != null) ? ConsulAgent.at(address) : ConsulAgent.startDevAgent();
		synchronized (this) {
			this.consul = agent;
			if (this.cleanedUp) {
				throw new StoryFailure("stopped");
			}
		}
		say((address != null) ? "Using the Consul agent at " + address + "."
				: "No Consul configured: started the project's Consul dev agent on 127.0.0.1:" + agent.port()
						+ " (in this JVM; production uses a real Consul).");
	}

	private void startFleet() {
		this.narrator.chapter("Two Greeters, one per Spring Boot line, register with native GRPC checks");
		long started = System.nanoTime();
		Greeter one = this.fleet.start("one", Line.BOOT_3, 1, this.consul);
		Greeter two = this.fleet.start("two", Line.BOOT_4, 3, this.consul);
		say("Started " + one.title() + ", pid " + one.pid() + ", and " + two.title() + ", pid " + two.pid()
				+ " (java -jar " + Line.GREETER_TWO_JAR + "); logs in " + this.fleet.logs() + ".");
		for (Greeter greeter : this.fleet.greeters()) {
			int port = greeter.awaitPort(PATIENCE);
			if (!greeter.line().registersInConsul()) {
				Waits.until(greeter.title() + " to say SERVING", PATIENCE,
						() -> greeter.check() == ServingStatus.SERVING);
				say(greeter.title() + " serves on 127.0.0.1:" + port + ", "
						+ millis(Duration.ofNanos(System.nanoTime() - started))
						+ " after its JVM started; its Health/Check says SERVING. It is NOT in Consul:"
						+ " health-grpc's Spring Boot 4.1 line does not register in Consul yet, so neither Consul"
						+ " nor the client sees it; the steps below say what it does not do.");
				continue;
			}
			ConsulView.Instance instance = awaitInstance(greeter);
			say(greeter.title() + " registered as " + instance.id() + ", "
					+ millis(Duration.ofNanos(System.nanoTime() - started)) + " after its JVM started (gRPC port "
					+ instance.grpcPort() + ", the one its server bound; gRPC_weight " + greeter.weight()
					+ "). Consul's GRPC check calls grpc.health.v1.Health/Check on 127.0.0.1:" + instance.grpcPort()
					+ "; it is " + instance.status() + " now.");
			if (instance.grpcPort() != port) {
				throw new StoryFailure(greeter.title() + " registered port " + instance.grpcPort() + ", not " + port);
			}
			if (!"passing".equals(instance.status())) {
				Duration passing = awaitStatus(greeter, "passing");
				say("Consul: greeter " + greeter.name() + " is passing (its Health answered SERVING) " + millis(passing)
						+ " later.");
			}
		}
	}

	private void startClient() {
		this.narrator.chapter("A client Spring service finds them through discovery:///" + SERVICE);
		ConfigurableApplicationContext started = new SpringApplicationBuilder(GreeterClientApplication.class).run(
				"--spring.config.name=" + GreeterClientApplication.CONFIG_NAME,
				"--spring.cloud.consul.host=" + this.consul.host(), "--spring.cloud.consul.port=" + this.consul.port());
		synchronized (this) {
			this.client = started;
			if (this.cleanedUp) {
				throw new StoryFailure("stopped");
			}
		}
		say("Client started: it injects @GrpcClient(\"greeter\") Greeter and Health stubs, address discovery:///"
				+ SERVICE + " (passing instances only).");
		say("Client: Health/Check through discovery -> " + client().check("") + ".");
		List<Greeter> inConsul = inConsul();
		Set<String> names = inConsul.stream().map(Greeter::name).collect(Collectors.toSet());
		Waits.until("the client to reach " + names, PATIENCE, () -> answers(10).keySet().containsAll(names));
		Map<String, Integer> answers = answers(WEIGHTED_CALLS);
		int weights = inConsul.stream().mapToInt(Greeter::weight).sum();
		boolean exact = answers.keySet().equals(names) && inConsul.stream()
			.allMatch((greeter) -> answers.get(greeter.name()) == WEIGHTED_CALLS * greeter.weight() / weights);
		String split = (inConsul.size() == 1) ? "the only greeter in Consul"
				: (exact ? "exactly the " : "where their gRPC_weight meta in Consul asks for the ")
						+ inConsul.stream().map((greeter) -> "" + greeter.weight()).collect(Collectors.joining(":"))
						+ " split" + (exact ? " of their gRPC_weight meta in Consul" : "");
		say("Client: " + WEIGHTED_CALLS + " calls to SayHello (2 s default deadline each): "
				+ inConsul.stream()
					.map((greeter) -> greeter.name() + " answered " + answers.getOrDefault(greeter.name(), 0))
					.collect(Collectors.joining(", "))
				+ ", " + split + " (health-grpc's weighted policy: smooth weighted round robin over the passing"
				+ " instances).");
	}

	private void turnNotServing(Greeter greeter) {
		String name = greeter.name();
		this.narrator.chapter(greeter.title() + " turns NOT_SERVING");
		greeter.setInventory(false);
		say("greeter " + name + ": its inventory is down (an Actuator health indicator).");
		Duration notServing = Waits.until("greeter " + name + " to report NOT_SERVING", PATIENCE,
				() -> greeter.check() == ServingStatus.NOT_SERVING);
		say("greeter " + name + ": Health/Check says NOT_SERVING after " + millis(notServing)
				+ " (health is evaluated every 200 ms, off the request path).");
		if (!greeter.line().registersInConsul()) {
			say("greeter " + name + " is not in Consul: no check turns critical, no client routes away.");
			return;
		}
		Duration critical = notServing.plus(awaitStatus(greeter, "critical"));
		say("Consul: greeter " + name + " is critical " + millis(critical)
				+ " after its inventory went down (its check runs every second).");
		Set<String> others = inConsul().stream()
			.map(Greeter::name)
			.filter((other) -> !other.equals(name))
			.collect(Collectors.toSet());
		if (others.isEmpty()) {
			say("Client: no other greeter in Consul to route to.");
			return;
		}
		Duration away = Waits.until("the client to stop calling greeter " + name, PATIENCE,
				() -> answers(10).keySet().equals(others));
		say("Client: 10 calls in a row answered by " + String.join(", ", others) + ", " + millis(critical.plus(away))
				+ " after the inventory went down: it routed away from " + name + ".");
	}

	private void bringBack(Greeter greeter) {
		String name = greeter.name();
		this.narrator.chapter(greeter.title() + " comes back");
		greeter.setInventory(true);
		say("greeter " + name + ": its inventory is up again.");
		Duration serving = Waits.until("greeter " + name + " to report SERVING", PATIENCE,
				() -> greeter.check() == ServingStatus.SERVING);
		say("greeter " + name + ": Health/Check says SERVING after " + millis(serving) + ".");
		if (!greeter.line().registersInConsul()) {
			return;
		}
		Duration passing = serving.plus(awaitStatus(greeter, "passing"));
		say("Consul: greeter " + name + " is passing " + millis(passing) + " after the mend.");
		Duration back = Waits.until("the client to call greeter " + name + " again", PATIENCE,
				() -> answers(10).containsKey(name));
		say("Client: greeter " + name + " answers calls again, " + millis(passing.plus(back)) + " after the mend.");
	}

	private void showErrorsAndDeadlines() {
		this.narrator.chapter("Errors and deadlines, as a client sees them");
		for (Greeter greeter : this.fleet.greeters()) {
			String asked = "greeter " + greeter.name() + ": SayHello(name=";
			say(asked + "\"\") -> " + Calls.describe(Calls.failure(() -> greeter.greeter().sayHello(hello(""))))
					+ "  (an IllegalArgumentException, mapped by health-grpc)");
			say(asked + "\"boom\") -> " + Calls.describe(Calls.failure(() -> greeter.greeter().sayHello(hello("boom"))))
					+ "  (an UncheckedIOException nobody mapped: neither its message nor a stack trace reaches the"
					+ " client; the server logged it under the same error id)");
			long started = System.nanoTime();
			Calls
				.failure(() -> greeter.greeter().withDeadlineAfter(500, TimeUnit.MILLISECONDS).sayHello(hello("slow")));
			say(asked + "\"slow\") with a 500 ms deadline -> DEADLINE_EXCEEDED after "
					+ millis(Duration.ofNanos(System.nanoTime() - started)) + ".");
		}
		long started = System.nanoTime();
		String code = Calls.failure(() -> client().sayHello("slow")).getStatus().getCode().toString();
		say("Client: SayHello(name=\"slow\") with no deadline of its own -> " + code + " after "
				+ millis(Duration.ofNanos(System.nanoTime() - started))
				+ " (health-grpc.client.deadlines gives the greeter client 2 s).");
	}

	private void askLikeTheSeed() {
		this.narrator.chapter("The seed's Python client");
		SeedClient seed = SeedClient.find();
		if (seed == null) {
			say("Skipped: no python3 with grpcio and grpc_tools here "
					+ "(Debian: apt install python3-grpcio python3-grpc-tools).");
			return;
		}
		for (Greeter greeter : this.fleet.greeters()) {
			say("python3 seed_client.py against greeter " + greeter.name()
					+ " (the seed's proto, /Health/check, service 'test') -> "
					+ seed.check("127.0.0.1:" + greeter.port(), "test"));
		}
	}

	private void keepRunning() {
		this.narrator.chapter("Still serving (--keep-running); Ctrl-C stops everything");
		this.fleet.greeters()
			.forEach((greeter) -> say(greeter.title() + ": grpcurl -plaintext 127.0.0.1:" + greeter.port()
					+ " grpc.health.v1.Health/List"));
		say("Consul: curl http://" + this.consul.host() + ":" + this.consul.port() + "/v1/health/service/" + SERVICE
				+ "?passing");
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void shutDown() {
		this.narrator.chapter("Shutdown");
		synchronized (this) {
			this.client.close();
		}
		say("Client closed.");
		List<Greeter> greeters = new ArrayList<>(this.fleet.greeters());
		Collections.reverse(greeters);
		greeters.forEach(this::stop);
		Waits.until("Consul to list no greeter", Duration.ofSeconds(10),
				() -> this.consul.view().instances(SERVICE).isEmpty());
		say("Consul lists no instance of " + SERVICE + ", and no Greeter process is left.");
	}

	private void stop(Greeter greeter) {
		String name = greeter.name();
		greeter.terminate();
		say("greeter " + name + ": SIGTERM, as Kubernetes or Ctrl-C sends it.");
		Duration elapsed = Waits.until("greeter " + name + " to report NOT_SERVING", PATIENCE,
				() -> greeter.check() == ServingStatus.NOT_SERVING);
		say("greeter " + name + ": Health/Check says NOT_SERVING after " + millis(elapsed)
				+ "; it keeps answering during its 2 s drain.");
		if (greeter.line().registersInConsul()) {
			elapsed = elapsed.plus(Waits.until("Consul to mark greeter " + name + " critical", PATIENCE,
					() -> !"passing".equals(this.consul.view().status(SERVICE, name))));
			if ("critical".equals(this.consul.view().status(SERVICE, name))) {
				say("Consul: greeter " + name + " is critical " + millis(elapsed) + " after the SIGTERM.");
			}
			elapsed = elapsed.plus(awaitStatus(greeter, "deregistered"));
			say("Consul: greeter " + name + " deregistered " + millis(elapsed) + " after the SIGTERM"
					+ (greeter.answersCheck() ? ", while its server still answered." : "."));
		}
		long started = System.nanoTime();
		int code = greeter.awaitExit(Duration.ofSeconds(40));
		say("greeter " + name + ": process exited (code " + code + ") "
				+ millis(elapsed.plus(Duration.ofNanos(System.nanoTime() - started))) + " after the SIGTERM.");
	}

	/**
	 * Stop whatever still runs; safe to call twice and from the shutdown hook.
	 */
	void cleanUp() {
		synchronized (this) {
			if (this.cleanedUp) {
				return;
			}
			this.cleanedUp = true;
			if (this.client != null) {
				this.client.close();
			}
		}
		this.fleet.close(this::say);
		synchronized (this) {
			if (this.consul != null) {
				this.consul.close();
			}
		}
	}

	private ConsulView.Instance awaitInstance(Greeter greeter) {
		Waits.until("greeter " + greeter.name() + " to register", PATIENCE,
				() -> this.consul.view().instance(SERVICE, greeter.name()).isPresent() || !greeter.isAlive());
		if (!greeter.isAlive()) {
			throw new StoryFailure(greeter.title() + " stopped before it registered (log: " + greeter.log() + ")");
		}
		return this.consul.view().instance(SERVICE, greeter.name()).orElseThrow();
	}

	private Duration awaitStatus(Greeter greeter, String status) {
		return Waits.until("Consul to mark greeter " + greeter.name() + " " + status, PATIENCE,
				() -> status.equals(this.consul.view().status(SERVICE, greeter.name())));
	}

	private List<Greeter> inConsul() {
		return this.fleet.greeters().stream().filter((greeter) -> greeter.line().registersInConsul()).toList();
	}

	private Map<String, Integer> answers(int calls) {
		GreeterClient greeter = client();
		return Calls.answers(() -> greeter.sayHello("story"), calls);
	}

	private synchronized GreeterClient client() {
		if (this.client == null || !this.client.isActive()) {
			throw new StoryFailure("stopped");
		}
		return this.client.getBean(GreeterClient.class);
	}

	private static HelloRequest hello(String name) {
		return HelloRequest.newBuilder().setName(name).build();
	}

	private void say(String text) {
		this.narrator.say(text);
	}

}
