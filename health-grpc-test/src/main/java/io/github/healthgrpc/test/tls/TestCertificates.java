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

package io.github.healthgrpc.test.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority and two certificates it signed, made with the JDK's
 * {@code keytool} for tests: a server certificate for {@code localhost} and
 * {@code 127.0.0.1} (both as subject alternative names, so that clients that verify the
 * host name accept it), and a client certificate for mutual TLS. Everything is written as
 * PKCS#12 stores with one password, plus the CA as PEM:
 *
 * <ul>
 * <li>{@link #caCertificate()}: {@code ca.pem}, the CA certificate;</li>
 * <li>{@link #trustStore()}: {@code truststore.p12}, the CA as a trusted entry;</li>
 * <li>{@link #serverKeyStore()}: {@code server.p12}, the server key and its chain (alias
 * {@code server});</li>
 * <li>{@link #clientKeyStore()}: {@code client.p12}, the client key and its chain (alias
 * {@code client}), also as PEM for curl and Consul's CLI: {@link #clientCertificate()}
 * ({@code client.pem}) and {@link #clientKey()} ({@code client-key.pem}).</li>
 * </ul>
 *
 * <pre class="code">
 * TestCertificates certificates = TestCertificates.shared();
 * ConsulDevAgent consul = ConsulDevAgent.builder().https(certificates.serverContext()).start();
 * HttpClient client = HttpClient.newBuilder().sslContext(certificates.trustingContext()).build();
 * </pre>
 *
 * The keys are EC P-256; the certificates are valid for 30 days from their creation. Not
 * for production.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class TestCertificates {

	/**
	 * The password of every store and key.
	 */
	public static final String PASSWORD = "health-grpc";

	private static final Object SHARED_LOCK = new Object();

	// guarded by SHARED_LOCK
	private static TestCertificates shared;

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/**
	 * Return certificates made once per JVM in a temporary directory that is deleted when
	 * the JVM exits: making them runs keytool seven times (a few seconds).
	 * @return the certificates
	 */
	public static TestCertificates shared() {
		synchronized (SHARED_LOCK) {
			if (shared == null) {
				try {
					Path directory = Files.createTempDirectory("health-grpc-certificates");
					shared = create(directory);
					Runtime.getRuntime()
						.addShutdownHook(
								new Thread(() -> deleteQuietly(directory), "health-grpc-certificates-cleanup"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not create a directory for test certificates", ex);
				}
			}
			return shared;
		}
	}

	/**
	 * Make a CA, a server and a client certificate in a directory.
	 * @param directory where the files go (created if missing)
	 * @return the certificates
	 * @throws IllegalStateException if keytool fails
	 */
	public static TestCertificates create(Path directory) {
		try {
			Files.createDirectories(directory);
			TestCertificates certificates = new TestCertificates(directory);
			certificates.make();
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make test certificates in " + directory, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make test certificates in " + directory, ex);
		}
	}

	/**
	 * Return the CA certificate, PEM-encoded.
	 * @return the path of {@code ca.pem}
	 */
	public Path caCertificate() {
		return this.directory.resolve("ca.pem");
	}

	/**
	 * Return a PKCS#12 trust store holding the CA certificate (alias {@code ca}).
	 * @return the path of {@code truststore.p12}
	 */
	public Path trustStore() {
		return this.directory.resolve("truststore.p12");
	}

	/**
	 * Return a PKCS#12 key store holding the server key and its certificate chain (alias
	 * {@code server}), for {@code localhost} and {@code 127.0.0.1}.
	 * @return the path of {@code server.p12}
	 */
	public Path serverKeyStore() {
		return this.directory.resolve("server.p12");
	}

	/**
	 * Return a PKCS#12 key store holding a client key and its certificate chain (alias
	 * {@code client}), for mutual TLS.
	 * @return the path of {@code client.p12}
	 */
	public Path clientKeyStore() {
		return this.directory.resolve("client.p12");
	}

	/**
	 * Return the client certificate, PEM-encoded ({@code CONSUL_CLIENT_CERT},
	 * {@code curl --cert}).
	 * @return the path of {@code client.pem}
	 */
	public Path clientCertificate() {
		return this.directory.resolve("client.pem");
	}

	/**
	 * Return the client's private key, PEM-encoded PKCS#8, unencrypted
	 * ({@code CONSUL_CLIENT_KEY}, {@code curl --key}).
	 * @return the path of {@code client-key.pem}
	 */
	public Path clientKey() {
		return this.directory.resolve("client-key.pem");
	}

	/**
	 * Return the password of every store and key.
	 * @return {@value #PASSWORD}
	 */
	public String password() {
		return PASSWORD;
	}

	/**
	 * Return a context that presents the server certificate and trusts client
	 * certificates the CA signed.
	 * @return a new context
	 */
	public SSLContext serverContext() {
		return context(serverKeyStore(), trustStore());
	}

	/**
	 * Return a context that trusts the CA and presents the client certificate when asked.
	 * @return a new context
	 */
	public SSLContext clientContext() {
		return context(clientKeyStore(), trustStore());
	}

	/**
	 * Return a context that trusts the CA and presents no certificate.
	 * @return a new context
	 */
	public SSLContext trustingContext() {
		return context(null, trustStore());
	}

	private SSLContext context(Path keyStore, Path trustStore) {
		try {
			KeyManagerFactory keys = null;
			if (keyStore != null) {
				keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(load(keyStore), PASSWORD.toCharArray());
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(load(trustStore));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keys != null) ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not load the test certificates in " + this.directory, ex);
		}
	}

	private void make() throws IOException, GeneralSecurityException {
		Path ca = this.directory.resolve("ca.p12");
		keytool("-genkeypair", "-alias", "ca", "-dname", "CN=health-grpc test CA", "-ext", "bc:c=ca:true", "-ext",
				"KU:c=keyCertSign,cRLSign", "-keystore", ca.toString());
		Certificate caCertificate = load(ca).getCertificate("ca");
		Files.writeString(caCertificate(), pem("CERTIFICATE", caCertificate.getEncoded()), StandardCharsets.US_ASCII);
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", caCertificate);
		store(trust, trustStore());
		leaf("server", "CN=localhost", ca, caCertificate, "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth");
		leaf("client", "CN=health-grpc test client", ca, caCertificate, "SAN=dns:localhost", "EKU=clientAuth");
	}

	private void leaf(String alias, String subject, Path ca, Certificate caCertificate, String names, String usage)
			throws IOException, GeneralSecurityException {
		Path store = this.directory.resolve(alias + ".p12");
		Path request = this.directory.resolve(alias + ".csr");
		Path signed = this.directory.resolve(alias + ".pem");
		keytool("-genkeypair", "-alias", alias, "-dname", subject, "-keystore", store.toString());
		keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-file", request.toString());
		keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(), "-outfile",
				signed.toString(), "-rfc", "-ext", names, "-ext", "KU:c=digitalSignature", "-ext", usage);
		Certificate certificate;
		try (InputStream in = Files.newInputStream(signed)) {
			certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		// the chain the key is presented with: its own certificate, then the CA's
		KeyStore keys = load(store);
		Key key = keys.getKey(alias, PASSWORD.toCharArray());
		keys.setKeyEntry(alias, key, PASSWORD.toCharArray(), new Certificate[] { certificate, caCertificate });
		store(keys, store);
		Files.writeString(this.directory.resolve(alias + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()),
				StandardCharsets.US_ASCII);
		Files.delete(request);
	}

	private void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.add("-J-XX:TieredStopAtLevel=1");
		command.addAll(List.of(arguments));
		if (arguments[0].equals("-genkeypair")) {
			command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30"));
		}
		if (arguments[0].equals("-gencert")) {
			command.addAll(List.of("-validity", "30"));
		}
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"keytool " + arguments[0] + " failed: " + new String(output, StandardCharsets.UTF_8).trim());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while running keytool", ex);
		}
	}

	private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private static void store(KeyStore store, Path path) throws IOException, GeneralSecurityException {
		try (OutputStream out = Files.newOutputStream(path)) {
			store.store(out, PASSWORD.toCharArray());
		}
	}

	private static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	private static void deleteQuietly(Path directory) {
		try (var files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// a temporary directory: the system cleans up what is left
		}
	}

}
