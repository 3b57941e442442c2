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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.healthgrpc.client.HedgingPolicy;
import io.grpc.Status;

import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;

/**
 * Hedging of one channel's calls ({@code health-grpc.client.channels.<name>.hedging.*}).
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public class ChannelHedging {

	/**
	 * Services (pkg.Service), methods (pkg.Service/Method), or * for all, whose calls are
	 * hedged: sent again, while unanswered, every delay. Only idempotent ones belong
	 * here, and none that retry.methods names. Empty: nothing is hedged.
	 */
	private List<String> methods = new ArrayList<>();

	/**
	 * Most attempts of one call, the first included; gRPC allows at most 5.
	 */
	private int maxAttempts = 2;

	/**
	 * Wait before each further attempt while none has answered; zero sends them all at
	 * once. Set it near the method's 95th percentile latency.
	 */
	@DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
	private Duration delay = Duration.ofMillis(100);

	/**
	 * Status codes after which the other attempts go on; any other code ends the call.
	 */
	private List<Status.Code> nonFatalStatusCodes = new ArrayList<>(List.of(Status.Code.UNAVAILABLE));

	public List<String> getMethods() {
		return this.methods;
	}

	public void setMethods(List<String> methods) {
		this.methods = methods;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getDelay() {
		return this.delay;
	}

	public void setDelay(Duration delay) {
		this.delay = delay;
	}

	public List<Status.Code> getNonFatalStatusCodes() {
		return this.nonFatalStatusCodes;
	}

	public void setNonFatalStatusCodes(List<Status.Code> nonFatalStatusCodes) {
		this.nonFatalStatusCodes = nonFatalStatusCodes;
	}

	/**
	 * Return the policy these settings describe.
	 * @return the policy
	 */
	public HedgingPolicy toPolicy() {
		return new HedgingPolicy(this.maxAttempts, this.delay, this.nonFatalStatusCodes);
	}

	void validate(Errors errors, String prefix, List<String> retried) {
		if (this.maxAttempts < 2 || this.maxAttempts > 5) {
			errors.rejectValue(prefix + "max-attempts", "outOfRange", "must be from 2 to 5 (gRPC's limit of attempts)");
		}
		HealthGrpcInterceptorsProperties.rejectNegative(errors, prefix + "delay", this.delay);
		if (this.nonFatalStatusCodes.contains(Status.Code.OK)) {
			errors.rejectValue(prefix + "non-fatal-status-codes", "invalid", "must not contain OK");
		}
		HealthGrpcClientProperties.Retry.validateMethods(errors, prefix + "methods", this.methods);
		for (String method : this.methods) {
			if (retried.contains(method)) {
				// gRPC refuses a service config that names a method twice, and a method
				// has a retry policy or a hedging policy, not both
				errors.rejectValue(prefix + "methods", "retried",
						"'" + method + "' is in retry.methods too: a method is retried or hedged, not both");
			}
		}
	}

}
