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

package io.github.healthgrpc.server;

import java.security.cert.X509Certificate;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * The TLS of the application's gRPC server as configured, with the names of the
 * integration's properties that set it, so that messages about it name what to change.
 *
 * @param enabled whether the server serves TLS
 * @param enabledProperty the property that switches TLS on
 * @param certificate the server's own certificate (the first of its chain), or
 * {@code null} when it is not configured or cannot be read
 * @param certificateProperty the property that names the certificate
 * @param clientCertificateRequired whether the server requires clients to present a
 * certificate
 * @param clientAuthProperty the property that asks for client certificates
 * @param trustProperty the property that names the certificates trusted for clients
 * @author health-grpc authors
 * @since 0.1.0
 */
public record ServerTls(boolean enabled, String enabledProperty, @Nullable X509Certificate certificate,
		String certificateProperty, boolean clientCertificateRequired, String clientAuthProperty,
		String trustProperty) {

	/**
	 * Check the property names.
	 * @param enabled whether the server serves TLS
	 * @param enabledProperty the property that switches TLS on
	 * @param certificate the server's own certificate, or {@code null}
	 * @param certificateProperty the property that names the certificate
	 * @param clientCertificateRequired whether client certificates are required
	 * @param clientAuthProperty the property that asks for client certificates
	 * @param trustProperty the property that names the certificates trusted for clients
	 */
	public ServerTls {
		Assert.hasText(enabledProperty, "'enabledProperty' must not be empty");
		Assert.hasText(certificateProperty, "'certificateProperty' must not be empty");
		Assert.hasText(clientAuthProperty, "'clientAuthProperty' must not be empty");
		Assert.hasText(trustProperty, "'trustProperty' must not be empty");
	}

}
