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

import java.util.concurrent.Callable;

import org.springframework.util.Assert;

/**
 * One top-level Actuator health contributor, as health-grpc evaluates it: its name and
 * how to get its status code (a composite's children already aggregated). Each Spring
 * Boot line adapts its own contributor types to this.
 *
 * @param name the contributor's name (its top-level name in Actuator's registry)
 * @param status computes the contributor's status code ({@code UP}, {@code DOWN}...); may
 * block, may throw
 * @author health-grpc authors
 * @since 0.1.0
 */
public record ContributorCheck(String name, Callable<String> status) {

	/**
	 * Check the values.
	 * @param name the contributor's name
	 * @param status computes its status code
	 */
	public ContributorCheck {
		Assert.notNull(name, "'name' must not be null");
		Assert.notNull(status, "'status' must not be null");
	}

}
