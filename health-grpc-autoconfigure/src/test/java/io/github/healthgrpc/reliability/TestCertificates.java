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

package io.github.healthgrpc.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for one test run with the JDK's {@code keytool} (no extra library): a
 * CA, a server certificate it signs for {@code 127.0.0.1} and {@code localhost}, a client
 * certificate it signs, and a stranger's self-signed client certificate; as PEM files for
 * net.devh and Netty, and the CA in a PKCS12 trust store.
 *
 * @param caCertificate the CA certificate (PEM)
 * @param serverChain the server certificate and the CA (PEM)
 * @param serverKey the server's private key (PKCS#8 PEM)
 * @param clientChain the client certificate and the CA (PEM)
 * @param clientKey the client's private key (PKCS#8 PEM)
 * @param strangerCertificate a self-signed client certificate no one trusts (PEM)
 * @param strangerKey its private key (PKCS#8 PEM)
 * @param trustStore a PKCS12 trust store holding the CA, password {@link #PASSWORD}
 * @author health-grpc authors
 */
public record TestCertificates(Path caCertificate, Path serverChain, Path serverKey, Path clientChain, Path clientKey,
		Path strangerCertificate, Path strangerKey, Path trustStore) {

	public static final String PASSWORD = "changeit";

	/**
	 * Make the certificates in a directory.
	 * @param dir where the files go
	 * @return the files
	 * @throws Exception when keytool fails
	 */
	public static TestCertificates create(Path dir) throws Exception {
		// three waves of keytool runs in parallel: about 1.5 s in all
		keytool(dir,
				genKeyPair("ca", "CN=health-grpc test CA", "-ext", "BC:c=ca:true", "-ext", "KU:c=keyCertSign,cRLSign"),
				genKeyPair("server", "CN=localhost"), genKeyPair("client", "CN=health-grpc test client"),
				genKeyPair("stranger", "CN=stranger", "-ext", "EKU=clientAuth"));
		keytool(dir, certReq("server"), certReq("client"));
		keytool(dir, genCert("server", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth"),
				genCert("client", "-ext", "EKU=clientAuth"));
		String ca = pem(load(dir, "ca").getCertificate("ca"));
		Path caFile = write(dir, "ca.pem", ca);
		Path serverChain = write(dir, "server-chain.pem", signed(dir, "server") + ca);
		Path clientChain = write(dir, "client-chain.pem", signed(dir, "client") + ca);
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", load(dir, "ca").getCertificate("ca"));
		Path trustStore = dir.resolve("trust.p12");
		try (OutputStream out = Files.newOutputStream(trustStore)) {
			trust.store(out, PASSWORD.toCharArray());
		}
		return new TestCertificates(caFile, serverChain, privateKey(dir, "server"), clientChain,
				privateKey(dir, "client"),
				write(dir, "stranger.pem", pem(load(dir, "stranger").getCertificate("stranger"))),
				privateKey(dir, "stranger"), trustStore);
	}

	private static List<String> genKeyPair(String alias, String dname, String... extensions) {
		List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
				"secp256r1", "-dname", dname, "-validity", "2", "-keystore", alias + ".p12", "-storetype", "PKCS12",
				"-storepass", PASSWORD, "-keypass", PASSWORD));
		args.addAll(List.of(extensions));
		return args;
	}

	private static List<String> certReq(String alias) {
		return List.of("-certreq", "-alias", alias, "-keystore", alias + ".p12", "-storepass", PASSWORD, "-file",
				alias + ".csr");
	}

	private static List<String> genCert(String alias, String... extensions) {
		List<String> args = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass",
				PASSWORD, "-infile", alias + ".csr", "-outfile", alias + ".crt", "-rfc", "-validity", "2"));
		args.addAll(List.of(extensions));
		return args;
	}

	@SafeVarargs
	private static void keytool(Path dir, List<String>... runs) throws Exception {
		List<Process> processes = new ArrayList<>();
		for (List<String> run : runs) {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
			command.addAll(run);
			processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start());
		}
		for (int i = 0; i < runs.length; i++) {
			Process process = processes.get(i);
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool " + runs[i] + " failed: " + output);
			}
		}
	}

	private static String signed(Path dir, String alias) throws IOException {
		String pem = Files.readString(dir.resolve(alias + ".crt"));
		return pem.endsWith("\n") ? pem : pem + "\n";
	}

	private static KeyStore load(Path dir, String alias) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private static Path privateKey(Path dir, String alias) throws Exception {
		Key key = load(dir, alias).getKey(alias, PASSWORD.toCharArray());
		// PKCS#8, the form Netty reads
		return write(dir, alias + "-key.pem", pem("PRIVATE KEY", key.getEncoded()));
	}

	private static String pem(Certificate certificate) throws Exception {
		return pem("CERTIFICATE", certificate.getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static Path write(Path dir, String name, String content) throws IOException {
		return Files.writeString(dir.resolve(name), content);
	}

}
