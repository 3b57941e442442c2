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

package io.github.healthgrpc.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.Status;

import org.springframework.util.Assert;

/**
 * How calls are hedged (gRFC A6): the first attempt goes out at once, and while it has no
 * answer another goes out every {@code delay}, up to {@code maxAttempts} in all; the
 * first answer wins and the others are cancelled. A failure whose code is not in
 * {@code nonFatalStatusCodes} ends the call at once.
 *
 * @param maxAttempts attempts of one call, the first included (2 to 5)
 * @param delay wait before each further attempt; zero sends them all at once
 * @param nonFatalStatusCodes codes after which the other attempts go on
 * @author health-grpc authors
 * @since 0.1.0
 */
public record HedgingPolicy(int maxAttempts, Duration delay, List<Status.Code> nonFatalStatusCodes) {

	/**
	 * Check the policy.
	 * @param maxAttempts attempts of one call, the first included (2 to 5)
	 * @param delay wait before each further attempt; zero sends them all at once
	 * @param nonFatalStatusCodes codes after which the other attempts go on
	 */
	public HedgingPolicy {
		Assert.isTrue(maxAttempts >= 2 && maxAttempts <= 5, "'maxAttempts' must be from 2 to 5");
		Assert.isTrue(delay != null && !delay.isNegative(), "'delay' must not be negative");
		Assert.notNull(nonFatalStatusCodes, "'nonFatalStatusCodes' must not be null");
		Assert.isTrue(!nonFatalStatusCodes.contains(Status.Code.OK), "'nonFatalStatusCodes' must not contain OK");
		nonFatalStatusCodes = List.copyOf(nonFatalStatusCodes);
	}

	Map<String, Object> toServiceConfig() {
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("maxAttempts", (double) this.maxAttempts);
		policy.put("hedgingDelay", ClientServiceConfig.seconds(this.delay));
		policy.put("nonFatalStatusCodes", this.nonFatalStatusCodes.stream().map(Enum::name).toList());
		return policy;
	}

}
