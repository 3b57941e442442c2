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

package io.github.healthgrpc.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.ProtoUtils;

/**
 * Health methods whose requests are raw bytes, so that a test can send what no generated
 * stub would: invalid UTF-8, truncated or malformed protobuf.
 *
 * @author health-grpc authors
 */
final class RawHealthMethods {

	static final MethodDescriptor<byte[], HealthCheckResponse> CHECK = unary("grpc.health.v1.Health/Check",
			ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()));

	static final MethodDescriptor<byte[], HealthCheckResponse> WATCH = MethodDescriptor
		.<byte[], HealthCheckResponse>newBuilder()
		.setType(MethodDescriptor.MethodType.SERVER_STREAMING)
		.setFullMethodName("grpc.health.v1.Health/Watch")
		.setRequestMarshaller(BytesMarshaller.INSTANCE)
		.setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
		.build();

	static final MethodDescriptor<byte[], io.github.healthgrpc.health.v1.HealthListResponse> LIST = unary(
			"grpc.health.v1.Health/List",
			ProtoUtils.marshaller(io.github.healthgrpc.health.v1.HealthListResponse.getDefaultInstance()));

	static final MethodDescriptor<byte[], io.github.healthgrpc.legacy.v0.HealthCheckResponse> LEGACY_CHECK = unary(
			"Health/check",
			ProtoUtils.marshaller(io.github.healthgrpc.legacy.v0.HealthCheckResponse.getDefaultInstance()));

	private RawHealthMethods() {
	}

	static <R> MethodDescriptor<byte[], R> unary(String fullMethodName, MethodDescriptor.Marshaller<R> response) {
		return MethodDescriptor.<byte[], R>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(fullMethodName)
			.setRequestMarshaller(BytesMarshaller.INSTANCE)
			.setResponseMarshaller(response)
			.build();
	}

	/**
	 * Request bytes as they are; responses as bytes too.
	 */
	enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

		INSTANCE;

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
