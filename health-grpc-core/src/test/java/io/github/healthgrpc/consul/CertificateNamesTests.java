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

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A certificate names a host as Go verifies it: addresses against IP entries, names
 * against DNS entries with a wildcard only as the leftmost label, never the common name.
 *
 * @author health-grpc authors
 */
class CertificateNamesTests {

	@Test
	void anAddressMatchesAnIpEntryInAnySpelling() throws Exception {
		X509Certificate certificate = certificate(List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
				List.of(2, "10.0.0.9"));
		assertThat(CertificateNames.names(certificate, "127.0.0.1")).isTrue();
		assertThat(CertificateNames.names(certificate, "::1")).isTrue();
		assertThat(CertificateNames.names(certificate, "[::1]")).isTrue();
		assertThat(CertificateNames.names(certificate, "127.0.0.2")).isFalse();
		// an address written as a DNS entry does not count, as in Go
		assertThat(CertificateNames.names(certificate, "10.0.0.9")).isFalse();
	}

	@Test
	void aNameMatchesADnsEntryOrAWildcardOfOneLabel() throws Exception {
		X509Certificate certificate = certificate(List.of(2, "shop.internal"), List.of(2, "*.pods.example.com"),
				List.of(7, "192.0.2.1"));
		assertThat(CertificateNames.names(certificate, "shop.internal")).isTrue();
		assertThat(CertificateNames.names(certificate, "SHOP.Internal.")).isTrue();
		assertThat(CertificateNames.names(certificate, "a.pods.example.com")).isTrue();
		assertThat(CertificateNames.names(certificate, "a.b.pods.example.com")).isFalse();
		assertThat(CertificateNames.names(certificate, "pods.example.com")).isFalse();
		assertThat(CertificateNames.names(certificate, ".pods.example.com")).isFalse();
		assertThat(CertificateNames.names(certificate, "cart.internal")).isFalse();
	}

	@Test
	void withoutSubjectAltNamesNothingIsNamed() throws Exception {
		X509Certificate bare = mock(X509Certificate.class);
		given(bare.getSubjectAlternativeNames()).willReturn(null);
		assertThat(CertificateNames.names(bare, "localhost")).isFalse();
		X509Certificate broken = mock(X509Certificate.class);
		given(broken.getSubjectAlternativeNames()).willThrow(new CertificateParsingException("bad"));
		assertThat(CertificateNames.names(broken, "localhost")).isFalse();
	}

	@SafeVarargs
	private static X509Certificate certificate(List<?>... names) throws CertificateParsingException {
		X509Certificate certificate = mock(X509Certificate.class);
		given(certificate.getSubjectAlternativeNames()).willReturn(List.of(names));
		return certificate;
	}

}
