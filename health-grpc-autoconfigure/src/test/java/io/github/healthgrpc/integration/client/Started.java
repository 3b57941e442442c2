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

package io.github.healthgrpc.integration.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What one test started, backends and applications, closed in reverse order after it.
 *
 * @author health-grpc authors
 */
final class Started implements AutoCloseable {

	private final List<AutoCloseable> resources = new ArrayList<>();

	<T extends AutoCloseable> T add(T resource) {
		this.resources.add(resource);
		return resource;
	}

	Backend backend(String name) throws IOException {
		return add(Backend.start(name));
	}

	ConfigurableApplicationContext context(Class<?> application, List<String> properties, String... more) {
		List<String> all = new ArrayList<>(properties);
		all.addAll(List.of(more));
		return add(ClientApplication.run(application, all));
	}

	ClientApplication.Stubs stubs(List<String> properties, String... more) {
		return context(ClientApplication.class, properties, more).getBean(ClientApplication.Stubs.class);
	}

	@Override
	public void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		this.resources.clear();
	}

}
