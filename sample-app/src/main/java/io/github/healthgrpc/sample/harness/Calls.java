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

package io.github.healthgrpc.sample.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.github.healthgrpc.sample.harness.Waits.StoryFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Calls the story makes, and how it reads their answers.
 *
 * @author health-grpc authors
 */
public final class Calls {

	private Calls() {
	}

	/**
	 * Make greetings and count who answered (the last word of each greeting).
	 * @param greeting one call
	 * @param calls how many
	 * @return the answers per greeter, in the order they first answered
	 */
	public static Map<String, Integer> answers(Supplier<String> greeting, int calls) {
		Map<String, Integer> answers = new LinkedHashMap<>();
		for (int i = 0; i < calls; i++) {
			String message = greeting.get();
			answers.merge(message.substring(message.lastIndexOf(' ') + 1), 1, Integer::sum);
		}
		return answers;
	}

	/**
	 * Make a call that must fail.
	 * @param call the call
	 * @return how it failed
	 */
	public static StatusRuntimeException failure(Runnable call) {
		try {
			call.run();
		}
		catch (StatusRuntimeException ex) {
			return ex;
		}
		throw new StoryFailure("a call that should have failed succeeded");
	}

	/**
	 * The status a client saw, with the {@link ErrorInfo} detail when there is one.
	 * @param ex the failure
	 * @return its description
	 */
	public static String describe(StatusRuntimeException ex) {
		Status status = ex.getStatus();
		StringBuilder text = new StringBuilder(status.getCode() + ": " + status.getDescription());
		com.google.rpc.Status details = StatusProto.fromThrowable(ex);
		if (details != null) {
			details.getDetailsList().stream().filter((any) -> any.is(ErrorInfo.class)).findFirst().ifPresent((any) -> {
				try {
					ErrorInfo info = any.unpack(ErrorInfo.class);
					text.append(" [ErrorInfo reason=")
						.append(info.getReason())
						.append(", domain=")
						.append(info.getDomain())
						.append("]");
				}
				catch (InvalidProtocolBufferException unreadable) {
					// shown without it
				}
			});
		}
		return text.toString();
	}

}
