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

import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties.Client;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties.Deadlines;
import io.github.healthgrpc.interceptor.DefaultDeadlineClientInterceptor;
import io.grpc.ManagedChannelBuilder;

import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.lang.Nullable;

/**
 * Gives Spring gRPC's channels health-grpc's default deadline of unary calls
 * ({@code health-grpc.client.deadlines.*}), unless Spring Boot's own
 * ({@code spring.grpc.client.channel.<name>.default.deadline}) is the more specific. Per
 * channel, the first that is set wins:
 * <ol>
 * <li>{@code health-grpc.client.deadlines.clients.<name>.default-timeout};</li>
 * <li>Spring Boot's deadline in the channel's own entry;</li>
 * <li>{@code health-grpc.client.deadlines.default-timeout}, when set;</li>
 * <li>Spring Boot's deadline in its {@code default} entry (for channels without an entry
 * of their own);</li>
 * <li>health-grpc's default of {@code default-timeout} (30 s).</li>
 * </ol>
 * When health-grpc's applies, its interceptor runs before Spring Boot's (it is added
 * after it), so Spring Boot's finds a deadline and keeps it.
 *
 * @param <T> the type of the builder
 * @author health-grpc authors
 */
final class SpringGrpcDefaultDeadlines<T extends ManagedChannelBuilder<T>> implements GrpcChannelBuilderCustomizer<T> {

	private final Deadlines deadlines;

	private final boolean defaultTimeoutSet;

	private final BootChannelSettings boot;

	/**
	 * Create the customizer.
	 * @param deadlines health-grpc's settings
	 * @param defaultTimeoutSet whether
	 * {@code health-grpc.client.deadlines.default-timeout} is set, rather than at its
	 * default
	 * @param boot Spring Boot's settings
	 */
	SpringGrpcDefaultDeadlines(Deadlines deadlines, boolean defaultTimeoutSet, BootChannelSettings boot) {
		this.deadlines = deadlines;
		this.defaultTimeoutSet = defaultTimeoutSet;
		this.boot = boot;
	}

	@Override
	public void customize(String target, T builder) {
		Duration timeout = timeout(target);
		if (timeout != null) {
			builder.intercept(new DefaultDeadlineClientInterceptor(timeout));
		}
	}

	/**
	 * Return health-grpc's default deadline for the channel.
	 * @param target the channel's name or target
	 * @return the deadline, or {@code null} when Spring Boot's applies instead
	 */
	@Nullable
	Duration timeout(String target) {
		Client client = this.deadlines.getClients().get(target);
		if (client != null && client.getDefaultTimeout() != null) {
			return client.getDefaultTimeout();
		}
		if (this.boot.ownDeadline(target) != null) {
			return null;
		}
		if (this.defaultTimeoutSet) {
			return this.deadlines.getDefaultTimeout();
		}
		return (this.boot.defaultDeadline(target) != null) ? null : this.deadlines.getDefaultTimeout();
	}

}
