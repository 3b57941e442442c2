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

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import com.google.common.net.InetAddresses;

/**
 * Whether a server certificate names a host the way Consul (Go's {@code crypto/x509})
 * verifies it: an address against the IP entries of its subjectAltName, a name against
 * its DNS entries (a {@code *} only as the whole leftmost label); the subject's common
 * name is never used.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class CertificateNames {

	private static final int DNS_NAME = 2;

	private static final int IP_ADDRESS = 7;

	private CertificateNames() {
	}

	/**
	 * Return whether a certificate names a host.
	 * @param certificate the server's certificate
	 * @param host a host name or an address (IPv6 with or without brackets)
	 * @return whether a client verifying the host accepts the certificate's names
	 */
	public static boolean names(X509Certificate certificate, String host) {
		Collection<List<?>> names;
		try {
			names = certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			return false;
		}
		if (names == null) {
			return false;
		}
		String bare = host.strip();
		bare = (bare.startsWith("[") && bare.endsWith("]")) ? bare.substring(1, bare.length() - 1) : bare;
		if (InetAddresses.isInetAddress(bare)) {
			InetAddress address = InetAddresses.forString(bare);
			return names.stream()
				.anyMatch((name) -> ((Integer) name.get(0)) == IP_ADDRESS
						&& InetAddresses.isInetAddress((String) name.get(1))
						&& InetAddresses.forString((String) name.get(1)).equals(address));
		}
		String wanted = lower(bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare);
		return names.stream()
			.anyMatch((name) -> ((Integer) name.get(0)) == DNS_NAME && matches(lower((String) name.get(1)), wanted));
	}

	private static boolean matches(String pattern, String host) {
		if (!pattern.startsWith("*.")) {
			return pattern.equals(host);
		}
		int dot = host.indexOf('.');
		return dot > 0 && host.substring(dot).equals(pattern.substring(1));
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
