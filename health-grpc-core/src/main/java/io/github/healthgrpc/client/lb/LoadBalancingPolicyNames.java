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

import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;

/**
 * Checks a configured load-balancing policy name against grpc-java's
 * {@link LoadBalancerRegistry}, so that a misspelled policy ({@code least-request} for
 * {@code least_request}) fails at startup, naming the property and the names that exist,
 * rather than failing every call with INTERNAL "Could not find policy".
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public final class LoadBalancingPolicyNames {

	// a value shown in a message is cut to this length
	private static final int MAX_SHOWN = 64;

	private LoadBalancingPolicyNames() {
	}

	/**
	 * Check that the registry has a policy of the given name.
	 * @param registry the registry channels take their policies from
	 * @param property the property that names the policy, for the message
	 * @param policy the configured name
	 * @throws IllegalArgumentException naming the property and listing the registered
	 * names when the registry has no policy of that name
	 */
	public static void requireRegistered(LoadBalancerRegistry registry, String property, String policy) {
		if (policy != null && registry.getProvider(policy) != null) {
			return;
		}
		String shown = (policy == null) ? "empty"
				: "'" + ((policy.length() > MAX_SHOWN) ? policy.substring(0, MAX_SHOWN) + "..." : policy) + "'";
		throw new IllegalArgumentException(property + " is " + shown
				+ ", but grpc-java's LoadBalancerRegistry has no policy of that name: use one of "
				+ String.join(", ", registered(registry)));
	}

	/**
	 * Return the names of the policies that the registry finds, sorted: those that
	 * grpc-java's service loader lists and the registry answers for.
	 * @param registry the registry
	 * @return the names
	 */
	public static List<String> registered(LoadBalancerRegistry registry) {
		SortedSet<String> names = new TreeSet<>();
		// the class loader grpc-java's default registry loads them with
		Iterator<LoadBalancerProvider> providers = ServiceLoader
			.load(LoadBalancerProvider.class, LoadBalancerProvider.class.getClassLoader())
			.iterator();
		while (providers.hasNext()) {
			try {
				String name = providers.next().getPolicyName();
				if (registry.getProvider(name) != null) {
					names.add(name);
				}
			}
			catch (ServiceConfigurationError | RuntimeException ex) {
				// a provider that cannot load is not in the registry either
			}
		}
		return List.copyOf(names);
	}

}
