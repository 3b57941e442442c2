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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Consul agent for tests and demos, in one JVM: the subset of Consul's HTTP API that
 * Spring Cloud Consul (through consul-api 1.4.5) and net.devh's discovery resolver use,
 * with Consul's status codes, indexes and blocking queries, and checks that really run:
 * GRPC checks call {@code grpc.health.v1.Health/Check}, HTTP and TCP checks probe, TTL
 * checks expire. Not for production: use a real Consul there.
 *
 * <p>
 * By default it binds to 127.0.0.1 on a free port and probes loopback addresses only: a
 * check aimed elsewhere is critical, and nothing is sent there.
 *
 * <pre class="code">
 * try (ConsulDevAgent consul = ConsulDevAgent.start()) {
 *     String address = consul.httpAddress(); // 127.0.0.1:&lt;port&gt;
 * }
 * </pre>
 *
 * Standalone:
 * {@code ./mvnw -q -pl health-grpc-test compile exec:java -Dexec.args="--port=8500"}.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class ConsulDevAgent implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(ConsulDevAgent.class.getName());

	private final AgentHttpServer server;

	private final ExecutorService workers;

	private final ScheduledExecutorService timer;

	private final ScheduledExecutorService checkTimer;

	private final ExecutorService probeStarter;

	private final CheckRunner checks;

	private final AgentState state;

	private final String aclToken;

	private final InetSocketAddress address;

	private final AtomicBoolean closed = new AtomicBoolean();

	private ConsulDevAgent(Builder builder) throws IOException {
		this.aclToken = builder.aclToken;
		this.state = new AgentState(Clock.systemUTC());
		// requests and answers: a thread only while one is read or written
		this.workers = Executors.newCachedThreadPool(daemon("consul-dev-agent-http-"));
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("consul-dev-agent-timer-"));
		this.checkTimer = Executors.newSingleThreadScheduledExecutor(daemon("consul-dev-agent-checks-"));
		this.probeStarter = Executors.newCachedThreadPool(daemon("consul-dev-agent-probe-"));
		this.checks = new CheckRunner(this.state, new Probes(builder.loopbackChecksOnly, this.checkTimer),
				builder.reapInterval, builder.minimumDeregisterAfter, builder.deregisterAfterOverride, this.checkTimer,
				this.probeStarter);
		ConsulHttpHandler handler = new ConsulHttpHandler(this.state, this.checks, new ObjectMapper(),
				(builder.aclToken != null) ? AclTokens.requiring(builder.aclToken) : AclTokens.disabled(), this.workers,
				this.timer);
		try {
			this.server = new AgentHttpServer(new InetSocketAddress(builder.bindAddress, builder.port),
					(builder.sslContext != null)
							? new AgentHttpServer.Tls(builder.sslContext, builder.requireClientCertificates) : null,
					builder.maxConnectionsPerClient, handler, this.workers, this.timer);
		}
		catch (IOException ex) {
			shutdownExecutors();
			throw ex;
		}
		this.address = this.server.address();
		logger.log(System.Logger.Level.INFO, "Consul dev agent listening on " + uri());
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger threads = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Start an agent on 127.0.0.1 and a free port, probing loopback only.
	 * @return the running agent
	 */
	public static ConsulDevAgent start() {
		return builder().start();
	}

	/**
	 * Return a builder.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the port the HTTP API listens on.
	 * @return the port
	 */
	public int port() {
		return this.address.getPort();
	}

	/**
	 * Return {@code host:port} of the HTTP API, as {@code CONSUL_HTTP_ADDR} takes it.
	 * @return the address
	 */
	public String httpAddress() {
		return this.address.getAddress().getHostAddress() + ":" + port();
	}

	/**
	 * Return the base URI of the HTTP API.
	 * @return for example {@code http://127.0.0.1:8500}, or {@code https://...} when it
	 * serves HTTPS
	 */
	public URI uri() {
		return URI.create(scheme() + "://" + httpAddress());
	}

	/**
	 * Return the scheme of the HTTP API.
	 * @return {@code https} when it serves HTTPS, else {@code http}
	 */
	public String scheme() {
		return (this.server.tls() != null) ? "https" : "http";
	}

	/**
	 * Return the token that may do anything, when the agent enforces ACLs.
	 * @return the token, or empty without ACLs
	 */
	public java.util.Optional<String> aclToken() {
		return java.util.Optional.ofNullable(this.aclToken);
	}

	/**
	 * Return whether a service instance is registered.
	 * @param serviceId the instance id
	 * @return whether it is
	 */
	public boolean isRegistered(String serviceId) {
		return this.state.hasService(serviceId);
	}

	/**
	 * Return a check's status ({@code passing}, {@code warning}, {@code critical}).
	 * @param checkId the check id, such as {@code service:<instance id>}
	 * @return the status, or {@code null} when there is no such check
	 */
	public String checkStatus(String checkId) {
		CheckEntry check = this.state.check(checkId);
		return (check != null) ? check.status : null;
	}

	/**
	 * Return how many blocking queries are waiting for a change right now: a client whose
	 * query is held sees every change from then on.
	 * @return the number of held queries
	 */
	public int heldQueries() {
		return this.state.heldQueries();
	}

	/**
	 * Return how many connections clients on 127.0.0.1 hold open.
	 */
	int openLoopbackConnections() {
		return this.server.openConnections(InetAddress.getLoopbackAddress());
	}

	/**
	 * Return what happened so far: registrations, deregistrations and check status
	 * changes, oldest first.
	 * @return a copy of the history
	 */
	public List<AgentEvent> history() {
		return this.state.history();
	}

	/**
	 * Stop listening and running checks; the catalog is gone with it, as a dev agent's
	 * is. Closing it again does nothing.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.server.close();
			this.checks.close();
			shutdownExecutors();
			logger.log(System.Logger.Level.INFO, "Consul dev agent on " + httpAddress() + " stopped");
		}
	}

	private void shutdownExecutors() {
		this.workers.shutdownNow();
		this.timer.shutdownNow();
		this.checkTimer.shutdownNow();
		this.probeStarter.shutdownNow();
	}

	/**
	 * Run an agent until the process ends: {@code --port=8500}, {@code --bind=127.0.0.1},
	 * {@code --allow-remote-checks} (probe addresses other than loopback),
	 * {@code --https-certificates=<directory>} (make test certificates there and serve
	 * HTTPS), {@code --https-keystore=<file>},
	 * {@code --https-keystore-password=<password>}, {@code --https-truststore=<file>},
	 * {@code --verify-incoming} (require client certificates). docs/consul.md lists them
	 * all.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		DevAgentCommandLine line = DevAgentCommandLine.parse(args);
		ConsulDevAgent agent = line.builder().start();
		Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "consul-dev-agent-shutdown"));
		StringBuilder environment = new StringBuilder("CONSUL_HTTP_ADDR=" + agent.uri());
		line.environment().forEach((variable) -> environment.append(' ').append(variable));
		System.out.println("Consul dev agent: " + environment + " (Ctrl-C stops it)");
	}

	/**
	 * Settings of a dev agent.
	 */
	public static final class Builder {

		private InetAddress bindAddress = InetAddress.getLoopbackAddress();

		private int port;

		private boolean loopbackChecksOnly = true;

		private Duration reapInterval = Duration.ofSeconds(30);

		private Duration minimumDeregisterAfter = Duration.ofMinutes(1);

		private Duration deregisterAfterOverride;

		private SSLContext sslContext;

		private String aclToken;

		private int maxConnectionsPerClient = ClientLimits.CONSUL_DEFAULT;

		private boolean requireClientCertificates;

		private Builder() {
		}

		/**
		 * Serve the HTTP API over TLS only (Consul's {@code ports.https}), presenting the
		 * key of this context; {@link io.github.healthgrpc.test.tls.TestCertificates}
		 * makes one for loopback.
		 * @param context the server's TLS context, or {@code null} for plain HTTP (the
		 * default)
		 * @return this builder
		 */
		public Builder https(SSLContext context) {
			this.sslContext = context;
			return this;
		}

		/**
		 * Enforce ACLs as Consul does with {@code acl.enabled=true} and
		 * {@code acl.default_policy=deny}: this token may do anything (a management
		 * token, sent as {@code X-Consul-Token}, {@code Authorization: Bearer} or
		 * {@code ?token=}); any other token is refused with 403 {@code ACL not found};
		 * without a token, writes are refused with 403 {@code Permission denied} and list
		 * reads answer empty. {@code /v1/status/*} needs no token.
		 * @param token the token, or {@code null} for no ACLs (the default)
		 * @return this builder
		 */
		public Builder aclToken(String token) {
			if (token != null && token.isEmpty()) {
				throw new IllegalArgumentException("An ACL token must not be empty");
			}
			this.aclToken = token;
			return this;
		}

		/**
		 * How many connections one client address may hold open at once (Consul's
		 * {@code limits.http_max_conns_per_client}, 200 by default; every held blocking
		 * query holds one). The next connection is answered
		 * {@code 429 Too Many Requests}, as Consul answers it, and closed.
		 * @param max the limit, or 0 for none
		 * @return this builder
		 */
		public Builder maxConnectionsPerClient(int max) {
			if (max < 0) {
				throw new IllegalArgumentException("The connection limit must not be negative, not " + max);
			}
			this.maxConnectionsPerClient = max;
			return this;
		}

		/**
		 * Whether HTTPS clients must present a certificate that the context's trust
		 * material accepts (Consul's {@code tls.https.verify_incoming}); off by default.
		 * @param require whether to require client certificates
		 * @return this builder
		 */
		public Builder requireClientCertificates(boolean require) {
			this.requireClientCertificates = require;
			return this;
		}

		/**
		 * Listen on this port (0, the default, for a free one).
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Listen on this address (127.0.0.1 by default).
		 * @param address the address
		 * @return this builder
		 */
		public Builder bindAddress(InetAddress address) {
			this.bindAddress = address;
			return this;
		}

		/**
		 * Whether checks may probe loopback addresses only (the default).
		 * @param loopbackOnly whether other addresses are refused
		 * @return this builder
		 */
		public Builder loopbackChecksOnly(boolean loopbackOnly) {
			this.loopbackChecksOnly = loopbackOnly;
			return this;
		}

		/**
		 * How often services critical for too long are removed (Consul's
		 * {@code check_reap_interval}, 30 s) and the least
		 * {@code DeregisterCriticalServiceAfter} it honours (Consul's
		 * {@code check_deregister_interval_min}, 1 minute: shorter times are raised to
		 * it). Consul's agent lets only its own tests change them; here shorter values
		 * make tests of auto-deregistration fast, for example
		 * {@code reaping(Duration.ofMillis(100), Duration.ZERO)} removes a service within
		 * about 100 ms of its registered time.
		 * @param interval the reap interval, positive
		 * @param minimum the minimum deregister-after time, zero or more
		 * @return this builder
		 */
		public Builder reaping(Duration interval, Duration minimum) {
			if (interval.isZero() || interval.isNegative() || minimum.isNegative()) {
				throw new IllegalArgumentException(
						"The reap interval must be positive and the minimum not negative, not " + interval + ", "
								+ minimum);
			}
			this.reapInterval = interval;
			this.minimumDeregisterAfter = minimum;
			return this;
		}

		/**
		 * Replace every check's {@code DeregisterCriticalServiceAfter}, whatever its
		 * length, by this time (checks without one still never reap), so that a test sees
		 * an application registered with a production setting (Consul's minimum is a
		 * minute) disappear within seconds. Not Consul's behaviour: a test's shortcut,
		 * off by default. The reap interval still applies:
		 * {@code reaping(Duration.ofMillis(100), Duration.ZERO).deregisterCriticalServiceAfter(Duration.ofSeconds(1))}.
		 * @param after the time, or {@code null} to honour each check's own (the default)
		 * @return this builder
		 */
		public Builder deregisterCriticalServiceAfter(Duration after) {
			if (after != null && after.isNegative()) {
				throw new IllegalArgumentException("The time must not be negative, not " + after);
			}
			this.deregisterAfterOverride = after;
			return this;
		}

		int port() {
			return this.port;
		}

		/**
		 * Start the agent.
		 * @return the running agent
		 */
		public ConsulDevAgent start() {
			try {
				return new ConsulDevAgent(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the Consul dev agent on port " + this.port, ex);
			}
		}

	}

}
