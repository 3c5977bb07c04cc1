package io.socketcore.bench.load;

import java.io.BufferedInputStream;
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
 * The second baseline: the thread-per-connection model socketcore uses, without any framework. Plain
 * blocking sockets, a pooled thread per connection, 16 KiB buffers, replies flushed when the input is
 * drained (socketcore's rule). What socketcore loses against it is the framework's cost; what this server
 * loses against bare Netty is the threading model's.
 */
public final class BlockingLineServer {

	private BlockingLineServer() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		ExecutorService threads = Executors.newCachedThreadPool();
		try (ServerSocket server = new ServerSocket(port, 1024)) {
			while (true) {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				threads.execute(() -> serve(socket));
			}
		}
	}

	private static void serve(Socket socket) {
		try (socket;
				InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
				OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream(256);
			int b;
			while ((b = in.read()) >= 0) {
				if (b != '\n') {
					line.write(b);
					continue;
				}
				out.write(BaselineReplies.reply(line.toString(StandardCharsets.UTF_8)));
				line.reset();
				if (in.available() == 0) {
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// the client left: nothing to answer
		}
	}

}
