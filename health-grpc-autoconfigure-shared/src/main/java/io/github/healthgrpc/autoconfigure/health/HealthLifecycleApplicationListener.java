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

package io.github.healthgrpc.autoconfigure.health;

import io.github.healthgrpc.health.HealthLifecycle;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Feeds readiness changes and the context's close into the {@link HealthLifecycle}.
 *
 * <p>
 * {@link ContextClosedEvent} is published before any lifecycle bean stops, so the drain
 * happens while the gRPC server still answers. Events of other contexts (a child context
 * closing propagates its event to the parent) are ignored.
 *
 * @author health-grpc authors
 */
class HealthLifecycleApplicationListener implements SmartApplicationListener {

	private final HealthLifecycle lifecycle;

	private final ApplicationContext context;

	HealthLifecycleApplicationListener(HealthLifecycle lifecycle, ApplicationContext context) {
		this.lifecycle = lifecycle;
		this.context = context;
	}

	@Override
	public int getOrder() {
		return HealthGrpcHealthAutoConfiguration.DRAIN_LISTENER_ORDER;
	}

	@Override
	public boolean supportsAsyncExecution() {
		// the drain runs before the server stops only when the closing thread runs it,
		// even with an asynchronous event multicaster
		return false;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return AvailabilityChangeEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof AvailabilityChangeEvent<?> change && change.getState() instanceof ReadinessState state) {
			this.lifecycle.readinessChanged(state == ReadinessState.ACCEPTING_TRAFFIC);
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			this.lifecycle.contextClosing();
		}
	}

}
