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

package io.github.healthgrpc.client.downstream;

import java.time.Duration;
import java.util.function.Supplier;

import io.grpc.Channel;

import org.springframework.util.Assert;

/**
 * One downstream to ask.
 *
 * @param name the contributor's name (the client name)
 * @param channel the channel to ask through, made at the first check
 * @param service the health service name, {@code ""} for the overall status
 * @param timeout the deadline of each check
 * @author health-grpc authors
 * @since 0.1.0
 */
public record DownstreamTarget(String name, Supplier<Channel> channel, String service, Duration timeout) {

	/**
	 * Check the target.
	 * @param name the contributor's name (the client name)
	 * @param channel the channel to ask through, made at the first check
	 * @param service the health service name, {@code ""} for the overall status
	 * @param timeout the deadline of each check
	 */
	public DownstreamTarget {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(channel, "'channel' must not be null");
		Assert.notNull(service, "'service' must not be null");
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
	}

}
