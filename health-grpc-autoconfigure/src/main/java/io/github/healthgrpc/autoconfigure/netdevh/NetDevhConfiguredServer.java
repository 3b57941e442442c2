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
package io.github.healthgrpc.autoconfigure.netdevh;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.OptionalInt;

import io.github.healthgrpc.server.ConfiguredGrpcServer;
import io.github.healthgrpc.server.ServerTls;
import net.devh.boot.grpc.server.config.ClientAuth;
import net.devh.boot.grpc.server.config.GrpcServerProperties;

import org.springframework.core.io.Resource;
import org.springframework.lang.Nullable;

/**
 * net.devh's server as configured: it replaces port 0 with a free port once, when the
 * port is first read, and binds that port, so the port is known before the server starts.
 *
 * @author health-grpc authors
 */
final class NetDevhConfiguredServer implements ConfiguredGrpcServer {

	private static final String SECURITY = "grpc.server.security.";

	private final GrpcServerProperties properties;

	NetDevhConfiguredServer(GrpcServerProperties properties) {
		this.properties = properties;
	}

	@Override
	public String address() {
		return this.properties.getAddress();
	}

	@Override
	public OptionalInt port() {
		int port = this.properties.getPort();
		// -1: in-process only
		return (port > 0) ? OptionalInt.of(port) : OptionalInt.empty();
	}

	@Override
	public ServerTls serverTls() {
		GrpcServerProperties.Security security = this.properties.getSecurity();
		return new ServerTls(security.isEnabled(), SECURITY + "enabled", certificate(security.getCertificateChain()),
				SECURITY + "certificate-chain", security.getClientAuth() == ClientAuth.REQUIRE,
				SECURITY + "client-auth", SECURITY + "trust-cert-collection");
	}

	@Nullable
	private static X509Certificate certificate(@Nullable Resource chain) {
		if (chain == null || !chain.exists()) {
			return null;
		}
		try (InputStream in = chain.getInputStream()) {
			Certificate first = CertificateFactory.getInstance("X.509").generateCertificate(in);
			return (first instanceof X509Certificate x509) ? x509 : null;
		}
		catch (IOException | GeneralSecurityException ex) {
			// the server reports a chain it cannot read itself
			return null;
		}
	}

	@Override
	public String integration() {
		return "net.devh grpc-spring-boot-starter";
	}

}
