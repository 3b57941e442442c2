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

package io.github.healthgrpc.test.consul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A connection's input, buffered, to which bytes read elsewhere (while a query was held)
 * can be given back.
 *
 * <p>
 * Not thread-safe: one thread at a time, handed over through the agent's executors.
 *
 * @author health-grpc authors
 */
final class ConnectionInput extends InputStream {

	static final int MAX_GIVEN_BACK = 64 * 1024;

	private final InputStream source;

	private byte[] buffer;

	private int position;

	private int limit;

	ConnectionInput(InputStream source) {
		this(source, 8192);
	}

	ConnectionInput(InputStream source, int bufferSize) {
		this.source = source;
		this.buffer = new byte[bufferSize];
	}

	@Override
	public int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit) {
			// large reads go straight through
			if (length >= this.buffer.length) {
				return this.source.read(bytes, offset, length);
			}
			if (!fill()) {
				return -1;
			}
		}
		int n = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, bytes, offset, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.source.available();
	}

	/**
	 * Give back bytes read from the connection meanwhile, to be read before any other.
	 * @return whether they fit ({@value #MAX_GIVEN_BACK} bytes at most are kept)
	 */
	boolean giveBack(ByteBuffer bytes) {
		int count = bytes.remaining();
		int buffered = this.limit - this.position;
		if (buffered + count > MAX_GIVEN_BACK) {
			return false;
		}
		byte[] target = (buffered + count > this.buffer.length) ? new byte[buffered + count] : this.buffer;
		System.arraycopy(this.buffer, this.position, target, 0, buffered);
		this.buffer = target;
		this.position = 0;
		this.limit = buffered;
		bytes.get(this.buffer, this.limit, count);
		this.limit += count;
		return true;
	}

	private boolean fill() throws IOException {
		int n = this.source.read(this.buffer, 0, this.buffer.length);
		if (n <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = n;
		return true;
	}

}
