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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A channel's retry throttling (gRFC A6): every failed attempt takes a token, every
 * successful call gives back {@code tokenRatio} of one, and while half or fewer of
 * {@code maxTokens} are left the channel makes no retries and no hedged attempts. So an
 * outage costs one attempt per call instead of {@code maxAttempts}.
 *
 * @param maxTokens tokens when the channel starts, and at most (1 to 1,000)
 * @param tokenRatio tokens a successful call gives back (above 0)
 * @author health-grpc authors
 * @since 0.1.0
 */
public record RetryThrottling(int maxTokens, double tokenRatio) {

	/**
	 * Check the throttling.
	 * @param maxTokens tokens when the channel starts, and at most (1 to 1,000)
	 * @param tokenRatio tokens a successful call gives back (above 0)
	 */
	public RetryThrottling {
		Assert.isTrue(maxTokens >= 1 && maxTokens <= 1000, "'maxTokens' must be from 1 to 1000");
		// grpc-java keeps three decimals: anything smaller would give back nothing
		Assert.isTrue(tokenRatio >= 0.001, "'tokenRatio' must be at least 0.001");
	}

	/**
	 * Return 10 tokens, 0.1 given back per successful call (the example of gRFC A6):
	 * after 5 failed attempts in a row, no retries until 10 calls succeed.
	 * @return the throttling
	 */
	public static RetryThrottling standard() {
		return new RetryThrottling(10, 0.1);
	}

	Map<String, Object> toServiceConfig() {
		Map<String, Object> throttling = new LinkedHashMap<>();
		throttling.put("maxTokens", (double) this.maxTokens);
		throttling.put("tokenRatio", this.tokenRatio);
		return throttling;
	}

}
