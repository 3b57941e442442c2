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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.healthgrpc.autoconfigure.health.HealthGrpcHealthAutoConfiguration;
import io.github.healthgrpc.consul.RegistrationKeeper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.consul.serviceregistry.ConsulAutoServiceRegistration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.lang.Nullable;

/**
 * Deregisters the application from Consul when its context closes: after the health
 * service turned NOT_SERVING and the drain delay passed (so Consul's GRPC check and the
 * clients saw the instance go critical first), and before the gRPC server stops (so
 * nobody is sent to an instance that no longer answers). Spring Cloud Consul would
 * deregister only when its beans are destroyed, after the gRPC server's whole grace
 * period.
 *
 * <p>
 * A failure (the agent is gone, or does not answer within
 * {@code health-grpc.consul.agent.request-timeout}) costs one WARN line; the shutdown
 * goes on.
 *
 * @author health-grpc authors
 */
class ConsulDeregistrationListener implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(ConsulDeregistrationListener.class);

	/**
	 * After the drain.
	 */
	static final int ORDER = HealthGrpcHealthAutoConfiguration.DRAIN_LISTENER_ORDER + 10;

	private final ConsulAutoServiceRegistration autoServiceRegistration;

	@Nullable
	private final RegistrationKeeper keeper;

	private final ApplicationContext context;

	private final Duration timeout;

	ConsulDeregistrationListener(ConsulAutoServiceRegistration autoServiceRegistration,
			@Nullable RegistrationKeeper keeper, ApplicationContext context, Duration timeout) {
		this.autoServiceRegistration = autoServiceRegistration;
		this.keeper = keeper;
		this.context = context;
		this.timeout = timeout;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!(event instanceof ContextClosedEvent closed) || closed.getApplicationContext() != this.context) {
			// a child context closing: not this application's shutdown
			return;
		}
		if (this.keeper != null) {
			// first: a registration the keeper sends after the deregistration would stay
			this.keeper.stop();
		}
		// deregisters once (Spring Cloud Consul's own stop at bean destruction then does
		// nothing), on a thread of its own: a slow agent must not hold the shutdown
		CompletableFuture<Void> deregistered = CompletableFuture.runAsync(this.autoServiceRegistration::stop,
				(task) -> {
					Thread thread = new Thread(task, ConsulAgentResources.THREAD_NAME + "-deregistration");
					thread.setDaemon(true);
					thread.start();
				});
		try {
			deregistered.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// the call ends when the application's Consul HTTP client closes
			warn("the agent did not answer within " + this.timeout.toMillis()
					+ " ms (health-grpc.consul.agent.request-timeout)");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			warn(cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void warn(String reason) {
		logger.warn("Could not deregister from Consul at shutdown (" + reason
				+ "); the instance stays listed, critical, until the agent removes it "
				+ "(health-grpc.consul.check.deregister-critical-service-after)");
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean supportsAsyncExecution() {
		// after the drain, before the server stops: on the closing thread, even with an
		// asynchronous event multicaster
		return false;
	}

}
