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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Consul's ACLs as an agent with {@code acl.enabled=true} and
 * {@code acl.default_policy=deny} applies them, with one token that may do anything (a
 * management token) and the anonymous token that may do nothing: a request's token is
 * read as Consul reads it ({@code ?token=}, then {@code X-Consul-Token}, then
 * {@code Authorization: Bearer}); an unknown token is refused with {@code ACL not found},
 * and a request without a token is the anonymous token's, which writes refuse and list
 * reads answer empty.
 *
 * <p>
 * Thread-safe (immutable).
 *
 * @author health-grpc authors
 */
final class AclTokens {

	private static final AclTokens DISABLED = new AclTokens(null);

	private final byte[] token;

	private AclTokens(String token) {
		this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
	}

	static AclTokens disabled() {
		return DISABLED;
	}

	static AclTokens requiring(String token) {
		if (token == null || token.isEmpty()) {
			throw new IllegalArgumentException("An ACL token must not be empty");
		}
		return new AclTokens(token);
	}

	/**
	 * Resolve the request's token, as Consul's {@code ResolveTokenAndDefaultMeta} does.
	 * @return whether the request may do anything (ACLs off, or the token), rather than
	 * nothing (the anonymous token)
	 * @throws ConsulError 403 {@code ACL not found} for any other token
	 */
	boolean resolve(ConsulRequest request) {
		if (this.token == null) {
			return true;
		}
		String presented = presented(request);
		if (presented.isEmpty()) {
			return false;
		}
		if (!MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8))) {
			throw new ConsulError(403, "ACL not found");
		}
		return true;
	}

	/**
	 * Consul's answer when the anonymous token lacks a permission.
	 * @param resource {@code service}, {@code node} or {@code agent}
	 * @param level {@code read} or {@code write}
	 * @param name what the permission is on
	 */
	static ConsulError denied(String resource, String level, String name) {
		return new ConsulError(403,
				"Permission denied: anonymous token lacks permission '" + resource + ":" + level + "' on \"" + name
						+ "\". The anonymous token is used implicitly when a request does not specify a token.");
	}

	private static String presented(ConsulRequest request) {
		String query = request.param("token");
		if (query != null && !query.isEmpty()) {
			return query;
		}
		String header = request.header("X-Consul-Token");
		if (header != null && !header.isEmpty()) {
			return header;
		}
		String authorization = request.header("Authorization");
		if (authorization != null) {
			// <scheme> <value>; only a Bearer value counts, and only its first word
			String[] parts = authorization.split(" ", -1);
			if (parts.length > 1 && parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
				String value = String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length)).trim();
				return value.split(" ", -1)[0].trim();
			}
		}
		return "";
	}

}
