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

package io.github.healthgrpc.consul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.lang.Nullable;

/**
 * The TLS context for calls to a Consul agent over HTTPS: a key store holding the client
 * certificate the agent asks for ({@code verify_incoming}), and a trust store holding the
 * CA that signed the agent's certificate. The agent's host name is verified against its
 * certificate, as consul-api does.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class AgentTls {

	private AgentTls() {
	}

	/**
	 * Build a TLS context.
	 * @param storeType the type of both stores, for example {@code PKCS12} or {@code JKS}
	 * @param keyStore the client key store, or {@code null} for no client certificate
	 * @param keyStorePassword its password, or {@code null}
	 * @param trustStore the trust store, or {@code null} for the JVM's
	 * @param trustStorePassword its password, or {@code null}
	 * @return the context
	 * @throws IllegalArgumentException when a store cannot be read, naming the store
	 */
	public static SSLContext context(String storeType, @Nullable Path keyStore, @Nullable String keyStorePassword,
			@Nullable Path trustStore, @Nullable String trustStorePassword) {
		KeyManager[] keys = null;
		TrustManager[] trust = null;
		try {
			if (keyStore != null) {
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(load(storeType, keyStore, keyStorePassword), chars(keyStorePassword));
				keys = factory.getKeyManagers();
			}
			if (trustStore != null) {
				TrustManagerFactory factory = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init(load(storeType, trustStore, trustStorePassword));
				trust = factory.getTrustManagers();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys, trust, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("TLS setup failed: " + ex.getMessage(), ex);
		}
	}

	private static KeyStore load(String type, Path path, @Nullable String password) throws GeneralSecurityException {
		try (InputStream in = Files.newInputStream(path)) {
			KeyStore store = KeyStore.getInstance(type);
			store.load(in, chars(password));
			return store;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read the " + type + " store " + path + ": " + ex.getMessage(),
					ex);
		}
	}

	@Nullable
	private static char[] chars(@Nullable String password) {
		return (password != null) ? password.toCharArray() : null;
	}

}
