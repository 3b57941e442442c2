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

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Consul's {@code limits.http_max_conns_per_client}: how many connections one client
 * address may hold open at once (each held blocking query holds one); the next one is
 * answered {@code 429 Too Many Requests} with the bytes Consul's connection limiter
 * writes, and closed.
 *
 * <p>
 * Thread-safe.
 *
 * @author health-grpc authors
 */
final class ClientLimits {

	static final int CONSUL_DEFAULT = 200;

	private static final String TOO_MANY = "Your IP is issuing too many concurrent connections, please rate limit your calls\n";

	/**
	 * What Consul writes to a connection over the limit, before reading anything.
	 */
	static final byte[] TOO_MANY_RESPONSE = ("HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\n"
			+ "Content-Length: " + TOO_MANY.length() + "\r\nConnection: close\r\n\r\n" + TOO_MANY)
		.getBytes(StandardCharsets.US_ASCII);

	private final int max;

	// guarded by this
	private final Map<InetAddress, Integer> open = new HashMap<>();

	/**
	 * @param max connections per client address, or 0 for no limit
	 */
	ClientLimits(int max) {
		this.max = max;
	}

	synchronized boolean tryAcquire(InetAddress client) {
		int count = this.open.getOrDefault(client, 0);
		if (this.max > 0 && count >= this.max) {
			return false;
		}
		this.open.put(client, count + 1);
		return true;
	}

	synchronized void release(InetAddress client) {
		this.open.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
	}

	synchronized int open(InetAddress client) {
		return this.open.getOrDefault(client, 0);
	}

}
