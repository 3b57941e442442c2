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

package io.github.healthgrpc.autoconfigure.health;

import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.NamedContributors;
import org.springframework.lang.Nullable;

/**
 * The contributors some status depends on: the others are not evaluated at all, so that
 * an ignored contributor (Consul's) costs no calls.
 *
 * @author health-grpc authors
 */
final class UsedContributors implements NamedContributors<HealthContributor> {

	private final NamedContributors<HealthContributor> contributors;

	private final Predicate<String> used;

	UsedContributors(NamedContributors<HealthContributor> contributors, Predicate<String> used) {
		this.contributors = contributors;
		this.used = used;
	}

	@Override
	@Nullable
	public HealthContributor getContributor(String name) {
		return this.used.test(name) ? this.contributors.getContributor(name) : null;
	}

	@Override
	public Iterator<NamedContributor<HealthContributor>> iterator() {
		// read at each evaluation: contributors registered later are seen
		return StreamSupport.stream(this.contributors.spliterator(), false)
			.filter((contributor) -> this.used.test(contributor.getName()))
			.iterator();
	}

}
