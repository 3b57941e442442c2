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
package io.github.healthgrpc.autoconfigure.springgrpc;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.OptionalInt;

import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.ServerTls;
import io.grpc.TlsServerCredentials;

import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.lang.Nullable;

/**
 * Spring Boot's gRPC server as configured ({@code spring.grpc.server.*}): port 9090
 * unless set; port 0 is chosen by the operating system when the server binds, so only the
 * bound port tells.
 *
 * @author health-grpc authors
 */
final class SpringGrpcConfiguredServer implements ConfiguredGrpcServer {

	/**
	 * Spring Boot's default port.
	 */
	static final int DEFAULT_PORT = 9090;

	private static final String SSL = "spring.grpc.server.ssl.";

	private final GrpcServerProperties properties;

	@Nullable
	private final SslBundles bundles;

	SpringGrpcConfiguredServer(GrpcServerProperties properties, @Nullable SslBundles bundles) {
		this.properties = properties;
		this.bundles = bundles;
	}

	@Override
	public String address() {
		InetAddress address = this.properties.getAddress();
		return (address != null) ? address.getHostAddress() : null;
	}

	@Override
	public OptionalInt port() {
		if (this.properties.getNetty().getDomainSocketPath() != null) {
			return OptionalInt.empty();
		}
		Integer port = this.properties.getPort();
		int configured = (port != null) ? port : DEFAULT_PORT;
		return (configured > 0) ? OptionalInt.of(configured) : OptionalInt.empty();
	}

	@Override
	public ServerTls serverTls() {
		GrpcServerProperties.Ssl ssl = this.properties.getSsl();
		// as Spring Boot decides: on when enabled, or when a bundle is named and it is
		// not switched off
		boolean enabled = Boolean.TRUE.equals(ssl.getEnabled())
				|| (ssl.getEnabled() == null && ssl.getBundle() != null);
		return new ServerTls(enabled, SSL + "enabled", enabled ? certificate(ssl.getBundle()) : null, SSL + "bundle",
				ssl.getClientAuth() == TlsServerCredentials.ClientAuth.REQUIRE, SSL + "client-auth",
				SSL + "bundle (its trust store)");
	}

	// the certificate of the bundle's key: the server's own, first in its chain
	@Nullable
	private X509Certificate certificate(@Nullable String name) {
		if (this.bundles == null || name == null) {
			return null;
		}
		try {
			SslBundle bundle = this.bundles.getBundle(name);
			KeyStore store = bundle.getStores().getKeyStore();
			if (store == null) {
				return null;
			}
			String alias = bundle.getKey().getAlias();
			if (alias == null) {
				alias = Collections.list(store.aliases())
					.stream()
					.filter((a) -> isKey(store, a))
					.findFirst()
					.orElse(null);
			}
			Certificate certificate = (alias != null) ? store.getCertificate(alias) : null;
			return (certificate instanceof X509Certificate x509) ? x509 : null;
		}
		catch (KeyStoreException | RuntimeException ex) {
			// a bundle the server cannot use either: Spring Boot reports it when it
			// starts
			return null;
		}
	}

	private static boolean isKey(KeyStore store, String alias) {
		try {
			return store.isKeyEntry(alias);
		}
		catch (KeyStoreException ex) {
			return false;
		}
	}

	@Override
	public String integration() {
		return "Spring Boot gRPC";
	}

}
