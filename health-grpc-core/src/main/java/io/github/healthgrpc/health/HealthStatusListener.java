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

package io.github.healthgrpc.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Callback for changes in a {@link HealthStatusRegistry}. Called on the registry's
 * notifier thread, never on the thread that set the status, so an implementation may do
 * I/O but should not block for long: it delays the listeners notified after it.
 *
 * @author health-grpc authors
 * @since 0.1.0
 */
public interface HealthStatusListener {

	/**
	 * Called after the effective status of the service changed, or after it became known
	 * or unknown. Changes that follow each other quickly may be reported once: read the
	 * current status from the registry.
	 * @param service the service name ({@code ""} for the overall status)
	 */
	void statusChanged(String service);

	/**
	 * Called once when the registry closes its listeners (the server is stopping): no
	 * further change follows for this listener.
	 * @return a stage that completes when the listener has finished (a Watch stream: when
	 * it is completed); the close waits for it
	 */
	default CompletionStage<?> registryClosed() {
		return CompletableFuture.completedFuture(null);
	}

}
