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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufUtil;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2ResetFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamFrame;

import org.springframework.lang.Nullable;

/**
 * A bare HTTP/2 client (plaintext, prior knowledge) on grpc-java's shaded Netty, to send
 * a gRPC server what no gRPC client would: wrong content types and methods, bad length
 * prefixes and compression flags, malformed protobuf. Each exchange uses a connection of
 * its own, so that a connection-level error cannot spill into the next one.
 *
 * @author health-grpc authors
 */
final class RawHttp2Client implements AutoCloseable {

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final int port;

	RawHttp2Client(int port) {
		this.port = port;
	}

	/**
	 * Return the headers of a well-formed gRPC request.
	 * @param path the method path, {@code /pkg.Service/Method}
	 * @return headers the test may change
	 */
	static Http2Headers grpcHeaders(String path) {
		return new DefaultHttp2Headers().method("POST")
			.scheme("http")
			.path(path)
			.authority("127.0.0.1")
			.add("content-type", "application/grpc")
			.add("te", "trailers");
	}

	/**
	 * Return a gRPC length-prefixed message.
	 * @param compressed the compressed flag
	 * @param declaredLength the length the prefix announces
	 * @param payload the bytes that follow
	 * @return the framed bytes
	 */
	static byte[] frame(boolean compressed, int declaredLength, byte[] payload) {
		return ByteBuffer.allocate(5 + payload.length)
			.put((byte) (compressed ? 1 : 0))
			.putInt(declaredLength)
			.put(payload)
			.array();
	}

	static byte[] frame(byte[] message) {
		return frame(false, message.length, message);
	}

	/**
	 * Send one request on a new connection and wait for the end of its response.
	 * @param headers the request headers
	 * @param body the DATA to send, ending the stream, or {@code null} to end the stream
	 * with the headers
	 * @return what the server answered
	 * @throws Exception when the connection fails or no answer ends within 10 seconds
	 */
	Response exchange(Http2Headers headers, @Nullable byte[] body) throws Exception {
		Channel connection = connect();
		try {
			CompletableFuture<Response> response = new CompletableFuture<>();
			Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(new Collector(response))
				.open()
				.sync()
				.getNow();
			stream.write(new DefaultHttp2HeadersFrame(headers, body == null));
			if (body != null) {
				stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
			}
			stream.flush();
			return response.get(10, TimeUnit.SECONDS);
		}
		finally {
			connection.close().sync();
		}
	}

	private Channel connect() throws InterruptedException {
		return new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(Http2FrameCodecBuilder.forClient().build(),
								new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
				}

			})
			.connect(new InetSocketAddress("127.0.0.1", this.port))
			.sync()
			.channel();
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/**
	 * Write bytes that are not HTTP/2 on a plain socket and read until the server closes.
	 * @param port the server's port
	 * @param garbage what to send instead of the HTTP/2 preface
	 * @return what the server sent before it closed the connection
	 * @throws IOException when the server does not close within 10 seconds
	 */
	static byte[] sendGarbage(int port, byte[] garbage) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			try {
				OutputStream out = socket.getOutputStream();
				out.write(garbage);
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[8192];
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					received.write(buffer, 0, read);
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				// reset by the server while we still wrote: closed as well
			}
			return received.toByteArray();
		}
	}

	/**
	 * What came back on one stream.
	 *
	 * @param headers the response headers (or the only headers, trailers-only)
	 * @param trailers the trailers, when separate
	 * @param body the DATA received
	 * @param resetCode the RST_STREAM error code, or -1
	 */
	record Response(@Nullable Http2Headers headers, @Nullable Http2Headers trailers, byte[] body, long resetCode) {

		@Nullable
		String httpStatus() {
			return (this.headers != null && this.headers.status() != null) ? this.headers.status().toString() : null;
		}

		@Nullable
		String grpcStatus() {
			return value("grpc-status");
		}

		/**
		 * Return the percent-decoded {@code grpc-message}.
		 */
		@Nullable
		String grpcMessage() {
			String message = value("grpc-message");
			return (message != null) ? percentDecode(message) : null;
		}

		@Nullable
		private String value(String name) {
			CharSequence value = (this.trailers != null) ? this.trailers.get(name) : null;
			if (value == null && this.headers != null) {
				value = this.headers.get(name);
			}
			return (value != null) ? value.toString() : null;
		}

		/**
		 * Return every header and trailer value and the body, as text.
		 */
		List<String> texts() {
			List<String> texts = new ArrayList<>();
			for (Http2Headers block : new Http2Headers[] { this.headers, this.trailers }) {
				if (block != null) {
					for (Map.Entry<CharSequence, CharSequence> entry : block) {
						texts.add(entry.getKey() + ": " + entry.getValue());
					}
				}
			}
			texts.add(new String(this.body, StandardCharsets.UTF_8));
			String message = grpcMessage();
			if (message != null) {
				texts.add(message);
			}
			return texts;
		}

		private static String percentDecode(String value) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '%' && i + 2 < value.length()) {
					bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
					i += 2;
				}
				else {
					bytes.write(c);
				}
			}
			return bytes.toString(StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "HTTP " + httpStatus() + ", grpc-status " + grpcStatus() + ", grpc-message " + grpcMessage()
					+ ", reset " + this.resetCode;
		}

	}

	/**
	 * Collects the frames of one stream until it ends, is reset or its connection closes.
	 */
	private static final class Collector extends SimpleChannelInboundHandler<Http2StreamFrame> {

		private final CompletableFuture<Response> response;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private Http2Headers headers;

		private Http2Headers trailers;

		Collector(CompletableFuture<Response> response) {
			this.response = response;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, Http2StreamFrame frame) {
			if (frame instanceof Http2HeadersFrame headersFrame) {
				if (this.headers == null) {
					this.headers = headersFrame.headers();
				}
				else {
					this.trailers = headersFrame.headers();
				}
				if (headersFrame.isEndStream()) {
					end(-1);
				}
			}
			else if (frame instanceof Http2DataFrame data) {
				this.body.writeBytes(ByteBufUtil.getBytes(data.content()));
				if (data.isEndStream()) {
					end(-1);
				}
			}
			else if (frame instanceof Http2ResetFrame reset) {
				end(reset.errorCode());
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			end(-1);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			this.response.completeExceptionally(cause);
		}

		private void end(long resetCode) {
			this.response.complete(new Response(this.headers, this.trailers, this.body.toByteArray(), resetCode));
		}

	}

}
