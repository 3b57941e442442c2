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

import java.time.Duration;

import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties.Channel;
import org.springframework.lang.Nullable;

/**
 * Spring Boot's own settings of a channel ({@code spring.grpc.client.channel.<name>.*}),
 * looked up as Spring Boot looks them up: the channel's own entry, else the entry named
 * {@code default}, else Spring Boot's defaults.
 *
 * @author health-grpc authors
 */
final class BootChannelSettings {

	/**
	 * The name of Spring Boot's entry for channels that have none of their own.
	 */
	static final String DEFAULT = "default";

	private static final Channel STOCK = new Channel();

	@Nullable
	private final GrpcClientProperties properties;

	BootChannelSettings(@Nullable GrpcClientProperties properties) {
		this.properties = properties;
	}

	@Nullable
	private Channel entry(String name) {
		return (this.properties != null) ? this.properties.getChannel().get(name) : null;
	}

	/**
	 * Return the default deadline that the channel's own entry sets.
	 * @param target the channel's name or target
	 * @return the deadline, {@code null} when the channel has no entry or its entry sets
	 * none
	 */
	@Nullable
	Duration ownDeadline(String target) {
		Channel own = entry(target);
		return (own != null) ? positive(own.getDefault().getDeadline()) : null;
	}

	/**
	 * Return the default deadline that the {@code default} entry gives a channel without
	 * an entry of its own.
	 * @param target the channel's name or target
	 * @return the deadline, or {@code null}
	 */
	@Nullable
	Duration defaultDeadline(String target) {
		if (entry(target) != null) {
			return null;
		}
		Channel defaults = entry(DEFAULT);
		return (defaults != null) ? positive(defaults.getDefault().getDeadline()) : null;
	}

	/**
	 * Return the load-balancing policy Spring Boot gives the channel.
	 * @param target the channel's name or target
	 * @return the policy, or {@code null} where Spring Boot sets none (in-process and
	 * Unix domain socket channels, which stay on grpc-java's pick_first)
	 */
	@Nullable
	String policy(String target) {
		Channel channel = effective(target);
		if (local(target) || local(channel.getTarget())) {
			return null;
		}
		return channel.getDefault().getLoadBalancingPolicy();
	}

	private Channel effective(String target) {
		Channel own = entry(target);
		if (own != null) {
			return own;
		}
		Channel defaults = entry(DEFAULT);
		return (defaults != null) ? defaults : STOCK;
	}

	private static boolean local(String target) {
		return target.startsWith("unix:") || target.startsWith("in-process:");
	}

	@Nullable
	private static Duration positive(@Nullable Duration deadline) {
		// Spring Boot applies a deadline of at least a millisecond only
		return (deadline != null && deadline.toMillis() > 0) ? deadline : null;
	}

}
