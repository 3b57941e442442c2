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

package io.github.healthgrpc.integration.consul;

import com.ecwid.consul.v1.ConsulClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryProperties;
import org.springframework.cloud.consul.discovery.HeartbeatProperties;
import org.springframework.cloud.consul.discovery.TtlScheduler;
import org.springframework.cloud.consul.serviceregistry.ConsulRegistration;
import org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shop, run as a process of its own so that a test can kill it with SIGKILL. It asks
 * Consul to remove it after one second critical instead of health-grpc's ten minutes:
 * Consul honours one minute at least, the dev agent of the test any time.
 *
 * @author health-grpc authors
 */
public final class KilledShop {

	private KilledShop() {
	}

	/**
	 * Run the shop.
	 * @param args its properties, as {@code --name=value}
	 */
	public static void main(String[] args) {
		new SpringApplicationBuilder(ShopApplication.class, QuickReaping.class).run(args);
	}

	/**
	 * Registers the instance with {@code DeregisterCriticalServiceAfter} of one second.
	 */
	@Configuration(proxyBeanMethods = false)
	static class QuickReaping {

		@Bean
		ConsulServiceRegistry consulServiceRegistry(ConsulClient client, ConsulDiscoveryProperties properties,
				ObjectProvider<TtlScheduler> ttlScheduler, HeartbeatProperties heartbeat) {
			return new ConsulServiceRegistry(client, properties, ttlScheduler.getIfAvailable(), heartbeat) {

				@Override
				public void register(ConsulRegistration registration) {
					registration.getService().getCheck().setDeregisterCriticalServiceAfter("1s");
					super.register(registration);
				}

			};
		}

	}

}
