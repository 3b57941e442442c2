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

import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.test.v1.EchoGrpc;
import io.github.healthgrpc.test.v1.EchoRequest;
import net.devh.boot.grpc.client.inject.GrpcClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A client of the shop through {@code discovery:///shop}.
 *
 * @author health-grpc authors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ShopClientApplication {

	@Bean
	ShopClient shopClient() {
		return new ShopClient();
	}

	/**
	 * Asks which instance answers.
	 */
	public static class ShopClient {

		@GrpcClient("shop")
		private EchoGrpc.EchoBlockingStub echo;

		/**
		 * Return the name of the instance that answered one call.
		 * @return the instance name
		 */
		public String who() {
			String text = this.echo.withDeadlineAfter(2, TimeUnit.SECONDS)
				.echo(EchoRequest.newBuilder().setText("hi").build())
				.getText();
			return text.substring(0, text.indexOf(':'));
		}

	}

}
