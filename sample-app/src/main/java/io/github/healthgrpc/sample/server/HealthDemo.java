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

package io.github.healthgrpc.sample.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.healthgrpc.sample.v1.SetDependencyRequest;
import io.grpc.Context;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.stub.StreamObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A scripted tour, run once the application is ready ({@code sample.demo.enabled=false}
 * turns it off): Check, Watch, and what happens to each status when a dependency breaks.
 *
 * @author health-grpc authors
 */
@Component
public class HealthDemo {

	static final String GREETER = "sample.v1.Greeter";

	private static final Log logger = LogFactory.getLog(HealthDemo.class);

	private final SampleClients clients;

	private final boolean enabled;

	private final List<String> transcript = new CopyOnWriteArrayList<>();

	public HealthDemo(SampleClients clients, Environment environment) {
		this.clients = clients;
		this.enabled = Binder.get(environment).bind("sample.demo.enabled", Boolean.class).orElse(true);
	}

	@EventListener(ApplicationReadyEvent.class)
	public void onReady() {
		if (this.enabled) {
			Thread tour = new Thread(this::run, "health-demo");
			tour.setDaemon(true);
			tour.start();
		}
	}

	/**
	 * Run the tour.
	 * @return what it printed
	 */
	public List<String> run() {
		say("Check overall ('')        -> " + awaitStatus("", HealthCheckResponse.ServingStatus.SERVING));
		say("Check " + GREETER + " -> " + check(GREETER));
		Context.CancellableContext watch = Context.current().withCancellation();
		watch.run(() -> this.clients.healthWatch().watch(request(GREETER), new WatchPrinter()));
		say("Breaking 'mail' (the Greeter does not depend on it)");
		setDependency("mail", false);
		say("Check overall ('')        -> " + awaitStatus("", HealthCheckResponse.ServingStatus.NOT_SERVING));
		say("Check " + GREETER + " -> " + check(GREETER));
		say("Breaking 'inventory' (the Greeter depends on it)");
		setDependency("inventory", false);
		say("Check " + GREETER + " -> " + awaitStatus(GREETER, HealthCheckResponse.ServingStatus.NOT_SERVING));
		say("Mending both");
		setDependency("mail", true);
		setDependency("inventory", true);
		say("Check " + GREETER + " -> " + awaitStatus(GREETER, HealthCheckResponse.ServingStatus.SERVING));
		say("Check overall ('')        -> " + awaitStatus("", HealthCheckResponse.ServingStatus.SERVING));
		watch.cancel(null);
		say("Tour done. The server keeps running: try grpcurl -plaintext localhost:9090 grpc.health.v1.Health/List");
		return List.copyOf(this.transcript);
	}

	private HealthCheckResponse.ServingStatus awaitStatus(String service, HealthCheckResponse.ServingStatus wanted) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		HealthCheckResponse.ServingStatus status = check(service);
		while (status != wanted && System.nanoTime() < deadline) {
			pause();
			status = check(service);
		}
		return status;
	}

	private HealthCheckResponse.ServingStatus check(String service) {
		return this.clients.health().withDeadlineAfter(1, TimeUnit.SECONDS).check(request(service)).getStatus();
	}

	private void setDependency(String name, boolean up) {
		this.clients.control()
			.withDeadlineAfter(1, TimeUnit.SECONDS)
			.setDependency(SetDependencyRequest.newBuilder().setName(name).setUp(up).build());
	}

	private static HealthCheckRequest request(String service) {
		return HealthCheckRequest.newBuilder().setService(service).build();
	}

	private void say(String line) {
		this.transcript.add(line);
		logger.info(line);
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final class WatchPrinter implements StreamObserver<HealthCheckResponse> {

		@Override
		public void onNext(HealthCheckResponse value) {
			say("  Watch " + GREETER + " pushed " + value.getStatus());
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
		}

	}

}
