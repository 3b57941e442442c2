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

package io.github.healthgrpc.integration.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.CallsGrpc;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import io.github.healthgrpc.test.v1.OtherGrpc;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A client application with stubs of the client named {@code backends}: what a user's
 * application has, and no gRPC server of its own.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ClientApplication {

	static final EchoRequest HI = EchoRequest.newBuilder().setText("hi").build();

	@Bean
	Stubs stubs() {
		return new Stubs();
	}

	/**
	 * Start a client application; later settings of a key win.
	 * @param properties its settings, as command-line arguments
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(Class<?> application, List<String> properties) {
		Map<String, String> byKey = new LinkedHashMap<>();
		List<String> all = new ArrayList<>(List.of("grpc.server.port=-1", "spring.main.banner-mode=off",
				"grpc.client.backends.negotiation-type=plaintext"));
		all.addAll(properties);
		for (String property : all) {
			int equals = property.indexOf('=');
			byKey.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return new SpringApplicationBuilder(application).run(byKey.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	public static ConfigurableApplicationContext run(List<String> properties) {
		return run(ClientApplication.class, properties);
	}

	/**
	 * Return the static address of one backend. Several would be {@code static://a:1,b:2}
	 * in net.devh's syntax, which grpc-java 1.85's RFC 3986 URI parser rejects: tests
	 * with several backends use discovery.
	 */
	static String staticAddress(Backend backend) {
		return "grpc.client.backends.address=static://" + backend.hostAndPort();
	}

	/**
	 * Return the settings that make the backends Spring Cloud's simple discovery
	 * instances of {@code backends}, without weights.
	 */
	public static List<String> discovered(Backend... backends) {
		Map<Backend, Integer> weights = new LinkedHashMap<>();
		Arrays.stream(backends).forEach((backend) -> weights.put(backend, 0));
		return discovered(weights);
	}

	/**
	 * Return the settings that make the backends Spring Cloud's simple discovery
	 * instances of {@code backends}, each with the given weight (0 for none).
	 */
	static List<String> discovered(Map<Backend, ?> weights) {
		List<String> properties = new ArrayList<>();
		properties.add("grpc.client.backends.address=discovery:///backends");
		int i = 0;
		for (Map.Entry<Backend, ?> entry : weights.entrySet()) {
			String instance = "spring.cloud.discovery.client.simple.instances.backends[" + i + "]";
			properties.add(instance + ".uri=http://" + entry.getKey().hostAndPort());
			properties.add(instance + ".instance-id=" + entry.getKey().name());
			if (!Integer.valueOf(0).equals(entry.getValue())) {
				properties.add(instance + ".metadata[gRPC_weight]=" + entry.getValue());
			}
			i++;
		}
		return properties;
	}

	/**
	 * The stubs of {@code backends}, injected into fields.
	 */
	public static class Stubs {

		@GrpcClient("backends")
		EchoGrpc.EchoBlockingStub echo;

		@GrpcClient("backends")
		EchoGrpc.EchoFutureStub echoFuture;

		@GrpcClient("backends")
		OtherGrpc.OtherBlockingStub other;

		@GrpcClient("backends")
		CallsGrpc.CallsBlockingStub calls;

		/**
		 * Return the name of the backend that answered one Echo call.
		 */
		String who() {
			return this.echo.withDeadlineAfter(5, TimeUnit.SECONDS).echo(HI).getText();
		}

	}

}
