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

package io.github.healthgrpc.benchmarks.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

/**
 * The application's own service, {@code bench.Echo/Echo} (bytes in, the same bytes out):
 * every server under test serves it beside its health service, as a user's application
 * does. Spring Boot 4.1 starts no gRPC server, and switches on no built-in health,
 * without a service of the application's. The benchmark never calls it.
 *
 * @author health-grpc authors
 */
public final class EchoService implements BindableService {

	/**
	 * The service's full name.
	 */
	public static final String SERVICE = "bench.Echo";

	static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Echo"))
		.setRequestMarshaller(Bytes.INSTANCE)
		.setResponseMarshaller(Bytes.INSTANCE)
		.build();

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder(SERVICE)
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
				responses.onNext(request);
				responses.onCompleted();
			}))
			.build();
	}

	private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {

		INSTANCE;

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try (stream) {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
