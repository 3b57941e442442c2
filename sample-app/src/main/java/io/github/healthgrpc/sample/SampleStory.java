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

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.rpc.ErrorInfo;
import io.github.healthgrpc.sample.Waits.StoryFailure;
import io.github.healthgrpc.sample.client.GreeterClient;
import io.github.healthgrpc.sample.client.GreeterClientApplication;
import io.github.healthgrpc.sample.v1.DependencyControlGrpc;
import io.github.healthgrpc.sample.v1.SetDependencyRequest;
import io.github.healthgrpc.test.consul.ConsulDevAgent;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.healthgrpc.sample.Narrator.millis;

/**
 * The sample's story, in one process: a Consul agent (the project's dev agent, or a real
 * one when {@code CONSUL_HTTP_ADDR} or {@code --consul=host:port} names it), two Greeter
 * servers in JVMs of their own that register with native GRPC checks, and a client Spring
 * service that finds them through {@code discovery:///}. It switches one server
 * NOT_SERVING and back, shows an error mapping and a deadline, shuts everything down, and
 * narrates each step with how long it took. {@code --keep-running} keeps everything up
 * afterwards for grpcurl, until Ctrl-C.
 *
 * @author health-grpc authors
 */
public final class SampleStory {

	static final String SERVICE = "health-grpc-sample";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final List<String> GREETERS = List.of("one", "two");

	// each greeter's gRPC_weight meta, for the client's weighted policy
	private static final Map<String, Integer> WEIGHTS = Map.of("one", 1, "two", 3);

	static final int WEIGHTED_CALLS = 400;

	// held: java.util.logging keeps loggers only as long as someone does
	private static final Logger DEV_AGENT_LOG = Logger.getLogger(ConsulDevAgent.class.getName());

	private final Narrator narrator;

	private final Options options;

	// guarded by this: the shutdown hook may run at any moment
	private final Map<String, GreeterProcess> greeters = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<String, ManagedChannel> direct = new ConcurrentHashMap<>();

	private ConsulDevAgent devAgent;

	private ConsulView consul;

	// guarded by this
	private ConfigurableApplicationContext client;

	// guarded by this
	private boolean cleanedUp;

	SampleStory(Narrator narrator, Options options) {
		this.narrator = narrator;
		this.options = options;
	}

	public static void main(String[] args) {
		// the story speaks for the dev agent
		DEV_AGENT_LOG.setLevel(Level.WARNING);
		SampleStory story = new SampleStory(new Narrator(System.out), Options.parse(args, System.getenv()));
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
			startGreeters();
			startClient();
			turnOneNotServing();
			bringOneBack();
			showErrorsAndDeadlines();
			askLikeTheSeed();
			if (this.options.keepRunning()) {
				keepRunning();
			}
			shutDown();
			this.narrator.say("The end: every step happened as told, in "
					+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
			return 0;
		}
		catch (RuntimeException ex) {
			this.narrator.say("FAILED: " + ((ex instanceof StoryFailure) ? ex.getMessage() : ex.toString()));
			this.narrator.say("The servers' logs are in " + this.options.logDirectory().toAbsolutePath());
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
		URI agent;
		String host;
		int port;
		if (this.options.consulAddress() != null) {
			agent = URI.create("http://" + this.options.consulAddress() + "/");
			host = agent.getHost();
			port = agent.getPort();
			this.consul = new ConsulView(agent);
			Waits.until("the Consul agent at " + this.options.consulAddress() + " to answer", Duration.ofSeconds(10),
					this.consul::answers);
			this.narrator.say("Using the Consul agent at " + this.options.consulAddress() + ".");
		}
		else {
			this.devAgent = ConsulDevAgent.start();
			host = "127.0.0.1";
			port = this.devAgent.port();
			agent = URI.create("http://127.0.0.1:" + port + "/");
			this.consul = new ConsulView(agent);
			this.narrator.say("No Consul configured: started the project's Consul dev agent on 127.0.0.1:" + port
					+ " (in this JVM; production uses a real Consul).");
		}
		this.options.resolveConsul(host, port);
	}

	private void startGreeters() {
		this.narrator.chapter("Two Greeter servers register with native GRPC checks");
		for (String name : GREETERS) {
			launch(name);
		}
		this.narrator
			.say("Started greeter one (pid " + greeter("one").pid() + ") and greeter two (pid " + greeter("two").pid()
					+ "), each a Spring Boot app in its own JVM; logs in " + this.options.logDirectory() + ".");
		long started = System.nanoTime();
		for (String name : GREETERS) {
			ConsulView.Instance instance = awaitInstance(name);
			this.ports.put(name, instance.grpcPort());
			this.narrator.say("greeter " + name + " registered as " + instance.id() + ", "
					+ millis(Duration.ofNanos(System.nanoTime() - started)) + " after its JVM started (gRPC port "
					+ instance.grpcPort() + ", gRPC_weight " + WEIGHTS.get(name)
					+ "). Consul's GRPC check calls grpc.health.v1.Health/Check on 127.0.0.1:" + instance.grpcPort()
					+ "; it is " + instance.status() + " now.");
			if (!"passing".equals(instance.status())) {
				Duration passing = Waits.until("greeter " + name + " to pass its check", PATIENCE,
						() -> "passing".equals(this.consul.status(SERVICE, name)));
				this.narrator.say("Consul: greeter " + name + " is passing (its Health answered SERVING) "
						+ millis(passing) + " later.");
			}
		}
	}

	// one step with the shutdown hook's clean-up: no greeter starts after it
	private synchronized void launch(String name) {
		if (this.cleanedUp) {
			throw new StoryFailure("stopped");
		}
		this.greeters.put(name, GreeterProcess.start(name, WEIGHTS.get(name), this.options.consulHost(),
				this.options.consulPort(), this.options.logDirectory()));
	}

	private synchronized GreeterProcess greeter(String name) {
		return this.greeters.get(name);
	}

	private ConsulView.Instance awaitInstance(String name) {
		GreeterProcess process = greeter(name);
		Waits.until("greeter " + name + " to register", PATIENCE,
				() -> this.consul.instance(SERVICE, name).isPresent() || !process.isAlive());
		if (!process.isAlive()) {
			throw new StoryFailure("greeter " + name + " stopped before it registered (log: " + process.log() + ")");
		}
		return this.consul.instance(SERVICE, name).orElseThrow();
	}

	private void startClient() {
		this.narrator.chapter("A client Spring service finds them through discovery:///" + SERVICE);
		ConfigurableApplicationContext started = new SpringApplicationBuilder(GreeterClientApplication.class).run(
				"--spring.config.name=" + GreeterClientApplication.CONFIG_NAME,
				"--spring.cloud.consul.host=" + this.options.consulHost(),
				"--spring.cloud.consul.port=" + this.options.consulPort());
		synchronized (this) {
			if (this.cleanedUp) {
				started.close();
				throw new StoryFailure("stopped");
			}
			this.client = started;
		}
		GreeterClient greeter = greeter();
		this.narrator.say("Client started: it injects @GrpcClient(\"greeter\") Greeter and Health stubs, address "
				+ "discovery:///" + SERVICE + " (passing instances only).");
		this.narrator.say("Client: Health/Check through discovery -> " + greeter.check("") + ".");
		Waits.until("the client to reach both greeters", PATIENCE,
				() -> answers(greeter, 10).keySet().containsAll(GREETERS));
		Map<String, Integer> answers = answers(greeter, WEIGHTED_CALLS);
		int one = answers.getOrDefault("one", 0);
		int two = answers.getOrDefault("two", 0);
		// the weighted policy's smooth weighted round robin gives each instance exactly
		// its
		// share of every run of as many calls as the weights add up to
		int expectedOne = WEIGHTED_CALLS * WEIGHTS.get("one") / (WEIGHTS.get("one") + WEIGHTS.get("two"));
		String split = (one == expectedOne && two == WEIGHTED_CALLS - expectedOne)
				? "exactly the " + WEIGHTS.get("one") + ":" + WEIGHTS.get("two")
						+ " split of their gRPC_weight meta in Consul"
				: "where their gRPC_weight meta in Consul asks for " + expectedOne + " and "
						+ (WEIGHTED_CALLS - expectedOne);
		this.narrator.say("Client: " + WEIGHTED_CALLS + " calls to SayHello (2 s default deadline each): one answered "
				+ one + ", two answered " + two + ", " + split
				+ " (health-grpc's weighted policy: smooth weighted round robin over the passing instances).");
	}

	private void turnOneNotServing() {
		this.narrator.chapter("Greeter one turns NOT_SERVING");
		setInventory("one", false);
		this.narrator.say("greeter one: its inventory is down (an Actuator health indicator).");
		Duration notServing = Waits.until("greeter one to report NOT_SERVING", PATIENCE,
				() -> check("one") == ServingStatus.NOT_SERVING);
		this.narrator.say("greeter one: Health/Check says NOT_SERVING after " + millis(notServing)
				+ " (health is evaluated every 200 ms, off the request path).");
		Duration critical = Waits.until("Consul to mark greeter one critical", PATIENCE,
				() -> "critical".equals(this.consul.status(SERVICE, "one")));
		this.narrator.say("Consul: greeter one is critical " + millis(notServing.plus(critical))
				+ " after its inventory went down (its check runs every second).");
		GreeterClient greeter = greeter();
		Duration away = Waits.until("the client to stop calling greeter one", PATIENCE,
				() -> answers(greeter, 10).keySet().equals(Set.of("two")));
		this.narrator.say("Client: 10 calls in a row answered by two, " + millis(notServing.plus(critical).plus(away))
				+ " after the inventory went down: it routed away from one.");
	}

	private void bringOneBack() {
		this.narrator.chapter("Greeter one comes back");
		setInventory("one", true);
		this.narrator.say("greeter one: its inventory is up again.");
		Duration serving = Waits.until("greeter one to report SERVING", PATIENCE,
				() -> check("one") == ServingStatus.SERVING);
		this.narrator.say("greeter one: Health/Check says SERVING after " + millis(serving) + ".");
		Duration passing = Waits.until("Consul to mark greeter one passing", PATIENCE,
				() -> "passing".equals(this.consul.status(SERVICE, "one")));
		this.narrator.say("Consul: greeter one is passing " + millis(serving.plus(passing)) + " after the mend.");
		GreeterClient greeter = greeter();
		Duration back = Waits.until("the client to call greeter one again", PATIENCE,
				() -> answers(greeter, 10).containsKey("one"));
		this.narrator.say("Client: greeter one answers calls again, " + millis(serving.plus(passing).plus(back))
				+ " after the mend.");
	}

	private void showErrorsAndDeadlines() {
		this.narrator.chapter("Errors and deadlines, as a client sees them");
		GreeterClient greeter = greeter();
		StatusRuntimeException invalid = failure(() -> greeter.sayHello(""));
		this.narrator.say("SayHello(name=\"\") -> " + describe(invalid)
				+ "  (an IllegalArgumentException, mapped by health-grpc)");
		StatusRuntimeException internal = failure(() -> greeter.sayHello("boom"));
		this.narrator.say("SayHello(name=\"boom\") -> " + describe(internal)
				+ "  (an UncheckedIOException nobody mapped: neither its message nor a stack trace reaches the"
				+ " client; the server logged it under the same error id)");
		long started = System.nanoTime();
		StatusRuntimeException late = failure(() -> greeter.sayHello("slow", Duration.ofMillis(500)));
		this.narrator.say("SayHello(name=\"slow\") with a 500 ms deadline -> " + late.getStatus().getCode() + " after "
				+ millis(Duration.ofNanos(System.nanoTime() - started)) + ".");
		started = System.nanoTime();
		StatusRuntimeException defaulted = failure(() -> greeter.sayHello("slow"));
		this.narrator.say("SayHello(name=\"slow\") with no deadline of its own -> " + defaulted.getStatus().getCode()
				+ " after " + millis(Duration.ofNanos(System.nanoTime() - started))
				+ " (health-grpc.client.deadlines gives the greeter client 2 s).");
	}

	private void askLikeTheSeed() {
		this.narrator.chapter("The seed's Python client");
		SeedClient seed = SeedClient.find();
		if (seed == null) {
			this.narrator.say("Skipped: no python3 with grpcio and grpc_tools here "
					+ "(Debian: apt install python3-grpcio python3-grpc-tools).");
			return;
		}
		String answer = seed.check("127.0.0.1:" + this.ports.get("one"), "test");
		this.narrator.say("python3 seed_client.py (the seed's proto, /Health/check, service 'test') -> " + answer);
	}

	private void keepRunning() {
		this.narrator.chapter("Still serving (--keep-running); Ctrl-C stops everything");
		this.ports.forEach((name, port) -> this.narrator
			.say("greeter " + name + ": grpcurl -plaintext 127.0.0.1:" + port + " grpc.health.v1.Health/List"));
		this.narrator.say("Consul: curl http://" + this.options.consulHost() + ":" + this.options.consulPort()
				+ "/v1/health/service/" + SERVICE + "?passing");
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void shutDown() {
		this.narrator.chapter("Shutdown");
		ConfigurableApplicationContext closing;
		synchronized (this) {
			closing = this.client;
			this.client = null;
		}
		closing.close();
		this.narrator.say("Client closed.");
		for (String name : List.of("two", "one")) {
			stop(name);
		}
		Waits.until("Consul to list no greeter", Duration.ofSeconds(10),
				() -> this.consul.instances(SERVICE).isEmpty());
		this.narrator.say("Consul lists no instance of " + SERVICE + ", and no Greeter process is left.");
	}

	private void stop(String name) {
		GreeterProcess process = greeter(name);
		process.terminate();
		this.narrator.say("greeter " + name + ": SIGTERM, as Kubernetes or Ctrl-C sends it.");
		Duration notServing = Waits.until("greeter " + name + " to report NOT_SERVING", PATIENCE,
				() -> check(name) == ServingStatus.NOT_SERVING);
		this.narrator.say("greeter " + name + ": Health/Check says NOT_SERVING after " + millis(notServing)
				+ "; it keeps answering during its 2 s drain.");
		Duration critical = Waits.until("Consul to mark greeter " + name + " critical", PATIENCE,
				() -> !"passing".equals(this.consul.status(SERVICE, name)));
		String seen = this.consul.status(SERVICE, name);
		if ("critical".equals(seen)) {
			this.narrator.say("Consul: greeter " + name + " is critical " + millis(notServing.plus(critical))
					+ " after the SIGTERM.");
		}
		Duration deregistered = Waits.until("greeter " + name + " to deregister", PATIENCE,
				() -> this.consul.instance(SERVICE, name).isEmpty());
		boolean stillAnswering = answersCheck(name);
		this.narrator
			.say("Consul: greeter " + name + " deregistered " + millis(notServing.plus(critical).plus(deregistered))
					+ " after the SIGTERM" + (stillAnswering ? ", while its server still answered." : "."));
		long started = System.nanoTime();
		int code = process.awaitExit(Duration.ofSeconds(40));
		this.narrator.say("greeter " + name + ": process exited (code " + code + ") " + millis(
				notServing.plus(critical).plus(deregistered).plus(Duration.ofNanos(System.nanoTime() - started)))
				+ " after the SIGTERM.");
		ManagedChannel channel = this.direct.remove(name);
		if (channel != null) {
			channel.shutdownNow();
		}
	}

	/**
	 * Stop whatever still runs; safe to call twice and from the shutdown hook.
	 */
	synchronized void cleanUp() {
		if (this.cleanedUp) {
			return;
		}
		this.cleanedUp = true;
		if (this.client != null) {
			this.client.close();
		}
		List<GreeterProcess> running = new ArrayList<>(this.greeters.values());
		running.forEach(GreeterProcess::terminate);
		for (GreeterProcess process : running) {
			try {
				process.awaitExit(Duration.ofSeconds(30));
			}
			catch (StoryFailure ex) {
				this.narrator.say(ex.getMessage());
			}
		}
		this.direct.values().forEach(ManagedChannel::shutdownNow);
		if (this.devAgent != null) {
			this.devAgent.close();
		}
	}

	private synchronized GreeterClient greeter() {
		return this.client.getBean(GreeterClient.class);
	}

	private boolean answersCheck(String name) {
		try {
			check(name);
			return true;
		}
		catch (StatusRuntimeException ex) {
			return false;
		}
	}

	private ManagedChannel channel(String name) {
		return this.direct.computeIfAbsent(name,
				(key) -> NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", this.ports.get(key)))
					.usePlaintext()
					.build());
	}

	private ServingStatus check(String name) {
		return HealthGrpc.newBlockingStub(channel(name))
			.withDeadlineAfter(1, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	private void setInventory(String name, boolean up) {
		DependencyControlGrpc.newBlockingStub(channel(name))
			.withDeadlineAfter(2, TimeUnit.SECONDS)
			.setDependency(SetDependencyRequest.newBuilder().setName("inventory").setUp(up).build());
	}

	private static Map<String, Integer> answers(GreeterClient greeter, int calls) {
		Map<String, Integer> answers = new LinkedHashMap<>();
		for (int i = 0; i < calls; i++) {
			String message = greeter.sayHello("story");
			answers.merge(message.substring(message.lastIndexOf(' ') + 1), 1, Integer::sum);
		}
		return answers;
	}

	private static StatusRuntimeException failure(Runnable call) {
		try {
			call.run();
		}
		catch (StatusRuntimeException ex) {
			return ex;
		}
		throw new StoryFailure("a call that should have failed succeeded");
	}

	private static String describe(StatusRuntimeException ex) {
		Status status = ex.getStatus();
		StringBuilder text = new StringBuilder(status.getCode() + ": " + status.getDescription());
		com.google.rpc.Status details = StatusProto.fromThrowable(ex);
		if (details != null) {
			details.getDetailsList().stream().filter((any) -> any.is(ErrorInfo.class)).findFirst().ifPresent((any) -> {
				try {
					ErrorInfo info = any.unpack(ErrorInfo.class);
					text.append(" [ErrorInfo reason=")
						.append(info.getReason())
						.append(", domain=")
						.append(info.getDomain())
						.append("]");
				}
				catch (com.google.protobuf.InvalidProtocolBufferException unreadable) {
					// shown without it
				}
			});
		}
		return text.toString();
	}

	/**
	 * What the command line and the environment ask for.
	 */
	static final class Options {

		private final boolean keepRunning;

		private final String consulAddress;

		private final Path logDirectory;

		private String consulHost;

		private int consulPort;

		Options(boolean keepRunning, String consulAddress, Path logDirectory) {
			this.keepRunning = keepRunning;
			this.consulAddress = consulAddress;
			this.logDirectory = logDirectory;
		}

		static Options parse(String[] args, Map<String, String> environment) {
			boolean keepRunning = false;
			String consul = environment.get("CONSUL_HTTP_ADDR");
			for (String arg : args) {
				if (arg.equals("--keep-running")) {
					keepRunning = true;
				}
				else if (arg.startsWith("--consul=")) {
					consul = arg.substring("--consul=".length());
				}
				else {
					throw new IllegalArgumentException(
							"Unknown argument " + arg + " (expected --keep-running, --consul=host:port)");
				}
			}
			if (consul != null) {
				consul = consul.replaceFirst("^https?://", "");
				if (consul.isBlank()) {
					consul = null;
				}
			}
			return new Options(keepRunning, consul, Path.of("target", "sample-story"));
		}

		boolean keepRunning() {
			return this.keepRunning;
		}

		String consulAddress() {
			return this.consulAddress;
		}

		Path logDirectory() {
			return this.logDirectory;
		}

		void resolveConsul(String host, int port) {
			this.consulHost = host;
			this.consulPort = port;
		}

		String consulHost() {
			return this.consulHost;
		}

		int consulPort() {
			return this.consulPort;
		}

	}

}
