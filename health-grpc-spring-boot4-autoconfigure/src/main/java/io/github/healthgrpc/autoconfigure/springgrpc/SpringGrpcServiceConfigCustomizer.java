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

package io.github.healthgrpc.autoconfigure.springgrpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.healthgrpc.autoconfigure.client.ChannelServiceConfigs;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.grpc.client.autoconfigure.GrpcClientDefaultServiceConfigCustomizer;

/**
 * Writes each channel's health-grpc settings
 * ({@code health-grpc.client.channels.<name>.*}, {@link ChannelServiceConfigs}) into the
 * default service config that Spring Boot builds from its own
 * ({@code spring.grpc.client.channel.<name>.health.*}, {@code .service-config}), after
 * Spring Boot wrote them. What health-grpc sets wins; what it leaves unset stays as
 * Spring Boot wrote it:
 * <ul>
 * <li>{@code healthCheckConfig}: health-grpc's when its {@code health-check.enabled};
 * else Spring Boot's.</li>
 * <li>{@code methodConfig}: health-grpc's retry and hedging entries, and Spring Boot's
 * entries without the names health-grpc's name (gRPC refuses a config that names a method
 * twice).</li>
 * <li>{@code retryThrottling}: health-grpc's when the channel retries or hedges with
 * throttling on; else Spring Boot's.</li>
 * <li>{@code loadBalancingConfig}: Spring Boot's when its {@code service-config} sets
 * one; else outlier detection around Spring Boot's {@code default.load-balancing-policy},
 * which still picks.</li>
 * </ul>
 *
 * @author health-grpc authors
 */
final class SpringGrpcServiceConfigCustomizer implements GrpcClientDefaultServiceConfigCustomizer {

	private static final Log logger = LogFactory.getLog(SpringGrpcServiceConfigCustomizer.class);

	private static final String HEALTH_CHECK = "healthCheckConfig";

	private static final String METHODS = "methodConfig";

	private static final String THROTTLING = "retryThrottling";

	private static final String LOAD_BALANCING = "loadBalancingConfig";

	private final ChannelServiceConfigs configs;

	private final BootChannelSettings boot;

	// names already warned about, once each
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	SpringGrpcServiceConfigCustomizer(ChannelServiceConfigs configs, BootChannelSettings boot) {
		this.configs = configs;
		this.boot = boot;
	}

	@Override
	public void customize(String target, Map<String, Object> config) {
		String policy = this.boot.policy(target);
		if (this.configs.channel(target).getHealthCheck().isEnabled()) {
			warnIfPickFirst(target, policy);
		}
		// a policy of Spring Boot's service-config is left as it is
		Map<String, Object> ours = this.configs.serviceConfig(target,
				config.containsKey(LOAD_BALANCING) ? null : policy);
		copy(ours, config, HEALTH_CHECK);
		copy(ours, config, THROTTLING);
		copy(ours, config, LOAD_BALANCING);
		if (ours.containsKey(METHODS)) {
			config.put(METHODS, methods(list(ours.get(METHODS)), list(config.get(METHODS))));
		}
	}

	private static void copy(Map<String, Object> from, Map<String, Object> to, String key) {
		if (from.containsKey(key)) {
			to.put(key, from.get(key));
		}
	}

	/**
	 * Return Spring Boot's method configs without the names health-grpc's have, then
	 * health-grpc's.
	 */
	private static List<Object> methods(List<Object> ours, List<Object> boots) {
		Set<Object> names = new HashSet<>();
		ours.forEach((entry) -> names.addAll(list(((Map<?, ?>) entry).get("name"))));
		List<Object> merged = new ArrayList<>();
		for (Object entry : boots) {
			Map<?, ?> method = (Map<?, ?>) entry;
			List<Object> left = new ArrayList<>(list(method.get("name")));
			if (left.removeIf(names::contains)) {
				if (left.isEmpty()) {
					continue;
				}
				Map<Object, Object> copy = new LinkedHashMap<>(method);
				copy.put("name", left);
				method = copy;
			}
			merged.add(method);
		}
		merged.addAll(ours);
		return merged;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	private void warnIfPickFirst(String target, String policy) {
		if ("pick_first".equals(policy) && this.warned.add(target)) {
			logger.warn("health-grpc.client.channels." + target + ".health-check.enabled is true, but "
					+ "spring.grpc.client.channel." + target + ".default.load-balancing-policy is pick_first, "
					+ "which never checks health: use round_robin, random, least_request or weighted");
		}
	}

}
