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
package io.github.healthgrpc.health.actuate;

import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * The top-level health contributors that statuses are evaluated from, read anew at each
 * evaluation (contributors registered later are seen).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface HealthContributorSource extends Iterable<ContributorCheck> {

	/**
	 * Return only the contributors some status depends on: the others are not evaluated
	 * at all, so that an ignored contributor (Consul's) costs no calls.
	 * @param used whether a contributor, by its name, is used
	 * @return the used contributors
	 */
	default HealthContributorSource filtered(Predicate<String> used) {
		return () -> StreamSupport.stream(spliterator(), false).filter((check) -> used.test(check.name())).iterator();
	}

}
