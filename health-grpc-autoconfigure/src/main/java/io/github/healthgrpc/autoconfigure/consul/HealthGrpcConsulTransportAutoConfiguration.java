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

package io.github.healthgrpc.autoconfigure.consul;

import java.util.function.Supplier;

import com.ecwid.consul.v1.ConsulRawClient;
import io.github.healthgrpc.autoconfigure.ConditionalOnHealthGrpcEnabled;
import org.apache.http.impl.client.CloseableHttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Gives Spring Cloud Consul an HTTP client with bounded timeouts that closes with the
 * application ({@link ConsulHttpTransport}). Switched off by
 * {@code health-grpc.consul.agent.transport-enabled=false}, or by a
 * {@code Supplier<ConsulRawClient.Builder>} bean of the application's own.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.consul.ConsulAutoConfiguration")
@ConditionalOnHealthGrpcEnabled
@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = HealthGrpcConsulProperties.PREFIX, name = "agent.transport-enabled",
		matchIfMissing = true)
@ConditionalOnProperty(name = "spring.cloud.consul.enabled", matchIfMissing = true)
@ConditionalOnClass({ ConsulRawClient.class, CloseableHttpClient.class })
@EnableConfigurationProperties(HealthGrpcConsulProperties.class)
public class HealthGrpcConsulTransportAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(value = ConsulRawClient.Builder.class, parameterizedContainer = Supplier.class)
	ConsulHttpTransport healthGrpcConsulHttpTransport(HealthGrpcConsulProperties properties) {
		return new ConsulHttpTransport(properties.getAgent().getRequestTimeout(),
				properties.getAgent().getReadTimeout());
	}

}
