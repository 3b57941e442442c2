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

package io.github.healthgrpc.autoconfigure.interceptor;

import java.time.Duration;

import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties.Client;
import io.github.healthgrpc.autoconfigure.client.HealthGrpcClientProperties.Deadlines;
import io.github.healthgrpc.interceptor.DefaultDeadlineClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelConfigurer;

/**
 * Adds a {@link DefaultDeadlineClientInterceptor} to every net.devh channel, with the
 * client's own default deadline or the global one.
 *
 * @author health-grpc authors
 */
class DefaultDeadlineChannelConfigurer implements GrpcChannelConfigurer {

	private final Deadlines deadlines;

	DefaultDeadlineChannelConfigurer(Deadlines deadlines) {
		this.deadlines = deadlines;
	}

	@Override
	public void accept(ManagedChannelBuilder<?> builder, String name) {
		Client client = this.deadlines.getClients().get(name);
		Duration timeout = (client != null && client.getDefaultTimeout() != null) ? client.getDefaultTimeout()
				: this.deadlines.getDefaultTimeout();
		if (timeout != null) {
			builder.intercept(new DefaultDeadlineClientInterceptor(timeout));
		}
	}

}
