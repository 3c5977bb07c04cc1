package io.socketcore.bench.load;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The second baseline: the thread-per-connection model socketcore uses, without any
 * framework. Plain blocking sockets, a pooled thread per connection, 16 KiB buffers
 * scanned for line ends, replies flushed when the input is drained (socketcore's rule).
 * What socketcore loses against it is the framework's cost; what this server loses
 * against bare Netty is the threading model's. On Java 21 and later it also runs with a
 * virtual thread per connection, the model socketcore takes there by default.
 */
public final class BlockingLineServer {

	private BlockingLineServer() {
	}

	/**
	 * @param args the port, then {@code virtual} for a virtual thread per connection
	 * (Java 21+; the bench is compiled for Java 17, hence the reflection)
	 */
	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		ExecutorService threads = (args.length > 1 && args[1].equals("virtual"))
				? (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)
				: Executors.newCachedThreadPool();
		try (ServerSocket server = new ServerSocket(port, 1024)) {
			while (true) {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				threads.execute(() -> serve(socket));
			}
		}
	}

	private static void serve(Socket socket) {
		byte[] buffer = new byte[16 * 1024];
		ByteArrayOutputStream partial = new ByteArrayOutputStream(256);
		try (socket;
				InputStream in = socket.getInputStream();
				OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024)) {
			int position = 0;
			int limit = 0;
			while (true) {
				if (position == limit) {
					out.flush(); // the input is drained: whatever was answered goes out
									// before waiting
					limit = in.read(buffer);
					position = 0;
					if (limit < 0) {
						return;
					}
				}
				int newline = position;
				while (newline < limit && buffer[newline] != '\n') {
					newline++;
				}
				partial.write(buffer, position, newline - position);
				position = newline;
				if (newline < limit) {
					position++;
					out.write(BaselineReplies.reply(partial.toString(StandardCharsets.UTF_8)));
					partial.reset();
				}
			}
		}
		catch (IOException ex) {
			// the client left: nothing to answer
		}
	}

}
