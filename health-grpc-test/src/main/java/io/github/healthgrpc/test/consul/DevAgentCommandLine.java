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
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.healthgrpc.test.tls.TestCertificates;

/**
 * The standalone agent's arguments, read into a {@link ConsulDevAgent.Builder}, and the
 * environment a Consul client needs to reach it.
 *
 * @author health-grpc authors
 */
final class DevAgentCommandLine {

	static final String USAGE = "Arguments: --port=<port> (8500, 8501 with HTTPS), --bind=<address> (127.0.0.1), "
			+ "--allow-remote-checks, --https-certificates=<directory> (make test certificates there and serve "
			+ "HTTPS), --https-keystore=<PKCS#12 file> with --https-keystore-password=<password> and optionally "
			+ "--https-truststore=<PKCS#12 file>, --verify-incoming (require client certificates), --acl-token=<token> (enforce ACLs: this token may "
			+ "do anything), --check-reap-interval=<duration> (30s), --check-deregister-interval-min=<duration> (1m), --deregister-critical-service-after=<duration> "
			+ "(replaces every check's)";

	private final ConsulDevAgent.Builder builder = ConsulDevAgent.builder();

	private final List<String> environment = new ArrayList<>();

	private Integer port;

	private Path keyStore;

	private String keyStorePassword = "";

	private Path trustStore;

	private Duration reapInterval = Duration.ofSeconds(30);

	private Duration deregisterMinimum = Duration.ofMinutes(1);

	private DevAgentCommandLine() {
	}

	/**
	 * Read the arguments.
	 * @param args the arguments
	 * @return the command line
	 * @throws IllegalArgumentException naming an argument that is wrong
	 */
	static DevAgentCommandLine parse(String... args) {
		DevAgentCommandLine line = new DevAgentCommandLine();
		for (String arg : args) {
			line.read(arg);
		}
		line.finish();
		return line;
	}

	ConsulDevAgent.Builder builder() {
		return this.builder;
	}

	/**
	 * The variables Consul's CLI and clients read, beyond {@code CONSUL_HTTP_ADDR}.
	 */
	List<String> environment() {
		return this.environment;
	}

	private void read(String arg) {
		int equals = arg.indexOf('=');
		String name = (equals < 0) ? arg : arg.substring(0, equals);
		String value = (equals < 0) ? null : arg.substring(equals + 1);
		switch (name) {
			case "--port" -> this.port = Integer.parseInt(required(name, value));
			case "--bind" -> this.builder.bindAddress(address(required(name, value)));
			case "--allow-remote-checks" -> this.builder.loopbackChecksOnly(false);
			case "--https-certificates" -> certificates(Path.of(required(name, value)));
			case "--https-keystore" -> this.keyStore = Path.of(required(name, value));
			case "--https-keystore-password" -> this.keyStorePassword = required(name, value);
			case "--https-truststore" -> this.trustStore = Path.of(required(name, value));
			case "--verify-incoming" -> this.builder.requireClientCertificates(true);
			case "--check-reap-interval" -> this.reapInterval = duration(name, value);
			case "--check-deregister-interval-min" -> this.deregisterMinimum = duration(name, value);
			case "--deregister-critical-service-after" ->
				this.builder.deregisterCriticalServiceAfter(duration(name, value));
			case "--acl-token" -> {
				this.builder.aclToken(required(name, value));
				this.environment.add("CONSUL_HTTP_TOKEN=" + value);
			}
			default -> throw new IllegalArgumentException("Unknown argument " + arg + ". " + USAGE);
		}
	}

	private void certificates(Path directory) {
		TestCertificates certificates = TestCertificates.create(directory);
		this.builder.https(certificates.serverContext());
		this.environment.add("CONSUL_CACERT=" + certificates.caCertificate());
		this.environment.add("CONSUL_CLIENT_CERT=" + certificates.clientCertificate());
		this.environment.add("CONSUL_CLIENT_KEY=" + certificates.clientKey());
	}

	private void finish() {
		this.builder.reaping(this.reapInterval, this.deregisterMinimum);
		if (this.keyStore != null) {
			this.builder.https(context(this.keyStore, this.keyStorePassword.toCharArray(), this.trustStore));
		}
		boolean https = this.keyStore != null
				|| this.environment.stream().anyMatch((v) -> v.startsWith("CONSUL_CACERT"));
		this.builder.port((this.port != null) ? this.port : https ? 8501 : 8500);
	}

	private static SSLContext context(Path keyStore, char[] password, Path trustStore) {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(keyStore, password), password);
			TrustManagerFactory trust = null;
			if (trustStore != null) {
				trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(load(trustStore, password));
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), (trust != null) ? trust.getTrustManagers() : null, null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot use --https-keystore=" + keyStore + ": " + ex.getMessage(), ex);
		}
	}

	private static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, password);
		}
		return store;
	}

	private static String required(String name, String value) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " needs a value (" + name + "=...)");
		}
		return value;
	}

	private static Duration duration(String name, String value) {
		required(name, value);
		try {
			return GoDuration.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " takes a duration such as 30s or 1m, not '" + value + "'", ex);
		}
	}

	private static InetAddress address(String text) {
		try {
			return InetAddress.getByName(text);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Not an address: " + text, ex);
		}
	}

}
