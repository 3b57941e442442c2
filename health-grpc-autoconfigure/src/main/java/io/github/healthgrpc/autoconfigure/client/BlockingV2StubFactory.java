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

package io.github.healthgrpc.autoconfigure.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import io.grpc.Channel;
import io.grpc.stub.AbstractStub;
import net.devh.boot.grpc.client.stubfactory.StubFactory;

import org.springframework.beans.BeanInstantiationException;

/**
 * Makes the {@code *BlockingV2Stub}s that current grpc-java code generation emits (for
 * example {@code HealthGrpc.HealthBlockingV2Stub}): net.devh 3.1.0 takes them for classic
 * blocking stubs, calls {@code newBlockingStub} and fails with a ClassCastException.
 * Registered before net.devh's factories, so it is asked first.
 *
 * @author health-grpc authors
 */
class BlockingV2StubFactory implements StubFactory {

	static final String FACTORY_METHOD = "newBlockingV2Stub";

	@Override
	public boolean isApplicable(Class<? extends AbstractStub<?>> stubType) {
		return factoryMethod(stubType) != null;
	}

	@Override
	public AbstractStub<?> createStub(Class<? extends AbstractStub<?>> stubType, Channel channel) {
		Method factory = factoryMethod(stubType);
		try {
			return stubType.cast(factory.invoke(null, channel));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new BeanInstantiationException(stubType, "Failed to create gRPC client", ex);
		}
	}

	private static Method factoryMethod(Class<?> stubType) {
		Class<?> enclosing = stubType.getEnclosingClass();
		if (enclosing == null) {
			return null;
		}
		try {
			Method method = enclosing.getMethod(FACTORY_METHOD, Channel.class);
			return (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == stubType) ? method : null;
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
