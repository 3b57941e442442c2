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

package io.github.healthgrpc.client.lb;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;

/**
 * Pickers the policies share.
 *
 * @author health-grpc authors
 */
final class Pickers {

	/**
	 * Holds calls until a backend is ready.
	 */
	static final SubchannelPicker WAITING = new SubchannelPicker() {

		@Override
		public PickResult pickSubchannel(PickSubchannelArgs args) {
			return PickResult.withNoResult();
		}

		@Override
		public String toString() {
			return "waiting";
		}

	};

	/**
	 * Whether grpc-util (the policies' base) and grpc-services (their health checking)
	 * are on the class path: the starter brings both.
	 */
	static final boolean POLICIES_AVAILABLE = present("io.grpc.util.MultiChildLoadBalancer")
			&& present("io.grpc.protobuf.services.HealthCheckingLoadBalancerUtil");

	private Pickers() {
	}

	private static boolean present(String className) {
		try {
			Class.forName(className, false, Pickers.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Return a picker that delegates to one of the given pickers, chosen uniformly at
	 * random for each call.
	 * @param pickers the pickers (not empty)
	 * @return the picker
	 */
	static SubchannelPicker random(List<SubchannelPicker> pickers) {
		List<SubchannelPicker> snapshot = List.copyOf(pickers);
		return new SubchannelPicker() {

			@Override
			public PickResult pickSubchannel(PickSubchannelArgs args) {
				return snapshot.get(ThreadLocalRandom.current().nextInt(snapshot.size())).pickSubchannel(args);
			}

			@Override
			public String toString() {
				return "random" + snapshot;
			}

		};
	}

}
