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
package io.github.healthgrpc.autoconfigure.netdevh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.server.GrpcServerInfo;
import io.github.healthgrpc.server.GrpcServerListener;
import io.github.healthgrpc.test.v1.EchoGrpc;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.serverfactory.GrpcServerLifecycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link NetDevhServerEvents}.
 *
 * @author health-grpc authors
 */
class NetDevhServerEventsTests {

	private final List<String> heard = new ArrayList<>();

	private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

	private Server server;

	@BeforeEach
	void start() throws Exception {
		this.server = InProcessServerBuilder.forName(InProcessServerBuilder.generateName())
			.addService(new EchoGrpc.EchoImplBase() {
			})
			.build()
			.start();
		this.beans.registerSingleton("second", new Recorder("second", 2));
		this.beans.registerSingleton("first", new Recorder("first", 1));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void everyListenerHearsTheStartedServerInOrder() {
		GrpcServerProperties properties = new GrpcServerProperties();
		properties.getSecurity().setEnabled(true);
		events(properties).onApplicationEvent(
				new GrpcServerStartedEvent(mock(GrpcServerLifecycle.class), this.server, "127.0.0.1", 9090));
		String expected = new GrpcServerInfo("127.0.0.1", this.server.getPort(), true, List.of("test.v1.Echo"))
			.toString();
		assertThat(this.heard).containsExactly("first started " + expected, "second started " + expected);
	}

	@Test
	void everyListenerHearsTheServerStopInOrder() {
		events(new GrpcServerProperties())
			.onApplicationEvent(new GrpcServerShutdownEvent(mock(GrpcServerLifecycle.class), this.server));
		assertThat(this.heard).containsExactly("first stopping", "second stopping");
	}

	private NetDevhServerEvents events(GrpcServerProperties properties) {
		return new NetDevhServerEvents(this.beans.getBeanProvider(GrpcServerListener.class), properties);
	}

	private final class Recorder implements GrpcServerListener, Ordered {

		private final String name;

		private final int order;

		Recorder(String name, int order) {
			this.name = name;
			this.order = order;
		}

		@Override
		public void serverStarted(GrpcServerInfo server) {
			NetDevhServerEventsTests.this.heard.add(this.name + " started " + server);
		}

		@Override
		public void serverStopping() {
			NetDevhServerEventsTests.this.heard.add(this.name + " stopping");
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
