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

package io.github.healthgrpc.autoconfigure.interceptor;

import io.github.healthgrpc.client.RetryThrottling;

import org.springframework.validation.Errors;

/**
 * Throttling of one channel's retries and hedged attempts
 * ({@code health-grpc.client.channels.<name>.retry-throttling.*}), written into the
 * service config whenever the channel retries or hedges.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ChannelRetryThrottling {

	/**
	 * Whether retries and hedged attempts stop while many attempts fail (gRFC A6
	 * retryThrottling), so that an outage costs one attempt per call.
	 */
	private boolean enabled = true;

	/**
	 * Tokens the channel starts with, and at most; each failed attempt takes one, and
	 * while half or fewer are left nothing is retried or hedged. 1 to 1000.
	 */
	private int maxTokens = 10;

	/**
	 * Tokens each successful call gives back.
	 */
	private double tokenRatio = 0.1;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(int maxTokens) {
		this.maxTokens = maxTokens;
	}

	public double getTokenRatio() {
		return this.tokenRatio;
	}

	public void setTokenRatio(double tokenRatio) {
		this.tokenRatio = tokenRatio;
	}

	/**
	 * Return the throttling these settings describe.
	 * @return the throttling
	 */
	public RetryThrottling toThrottling() {
		return new RetryThrottling(this.maxTokens, this.tokenRatio);
	}

	void validate(Errors errors, String prefix) {
		if (this.maxTokens < 1 || this.maxTokens > 1000) {
			errors.rejectValue(prefix + "max-tokens", "outOfRange", "must be from 1 to 1000 (gRPC's limit)");
		}
		if (!(this.tokenRatio >= 0.001)) {
			errors.rejectValue(prefix + "token-ratio", "tooSmall",
					"must be at least 0.001 (gRPC keeps three decimals)");
		}
	}

}
