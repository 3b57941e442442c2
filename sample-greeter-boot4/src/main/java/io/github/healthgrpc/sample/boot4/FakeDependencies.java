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

package io.github.healthgrpc.sample.boot4;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for the sample's downstream systems ("inventory" and "mail"), up unless told
 * otherwise.
 *
 * @author health-grpc authors
 */
public class FakeDependencies {

	static final Set<String> NAMES = Set.of("inventory", "mail");

	private final Map<String, Boolean> up = new ConcurrentHashMap<>();

	public boolean isUp(String name) {
		return this.up.getOrDefault(name, true);
	}

	public void set(String name, boolean up) {
		if (!NAMES.contains(name)) {
			throw new IllegalArgumentException("unknown dependency");
		}
		this.up.put(name, up);
	}

}
