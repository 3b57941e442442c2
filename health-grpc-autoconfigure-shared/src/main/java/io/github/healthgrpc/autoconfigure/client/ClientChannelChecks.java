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

package io.github.healthgrpc.autoconfigure.client;

/**
 * Startup checks of {@code health-grpc.client.channels.*} that binding cannot make, the
 * same on both Spring Boot lines.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class ClientChannelChecks {

	/**
	 * The key of net.devh's defaults for every client, which health-grpc's channel
	 * settings do not have.
	 */
	public static final String GLOBAL = "GLOBAL";

	private ClientChannelChecks() {
	}

	/**
	 * Refuse {@code health-grpc.client.channels.GLOBAL}: net.devh's
	 * {@code grpc.client.GLOBAL} gives every client defaults; health-grpc's channel
	 * settings have none, and a GLOBAL entry (carried over from net.devh, for example)
	 * would silently configure a client named GLOBAL instead.
	 * @param properties the bound client properties
	 * @throws IllegalStateException naming the property when there is such an entry
	 */
	public static void refuseGlobal(HealthGrpcClientProperties properties) {
		if (properties.getChannels().containsKey(GLOBAL)) {
			throw new IllegalStateException(HealthGrpcClientProperties.PREFIX + ".channels." + GLOBAL
					+ " is not supported: health-grpc's channel settings have no defaults for every client, as "
					+ "net.devh's grpc.client." + GLOBAL + " has; set them under " + HealthGrpcClientProperties.PREFIX
					+ ".channels.<name> of each client");
		}
	}

}
