package io.socketcore.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The floor of the big job's round trip on this machine: a server that reads the request
 * line in 64 KiB blocks and answers every line with the precomputed reply to
 * {@code SQUARE 0..999,999}, without parsing or squaring anything. What remains is moving
 * 6.9 MB in and 13 MB out, and the client's own work: the part of the round trip that
 * more square threads cannot shorten.
 */
public final class TransferFloorServer {

	private TransferFloorServer() {
	}

	public static void main(String[] args) throws IOException {
		byte[] reply = LongStream.range(0, 1_000_000)
			.mapToObj(n -> Long.toString(n * n))
			.collect(Collectors.joining(", ", "[", "]\n"))
			.getBytes(StandardCharsets.US_ASCII);
		try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]))) {
			while (true) {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				new Thread(() -> serve(socket, reply)).start();
			}
		}
	}

	private static void serve(Socket socket, byte[] reply) {
		byte[] block = new byte[64 * 1024];
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			int read;
			while ((read = in.read(block)) >= 0) {
				for (int i = 0; i < read; i++) {
					if (block[i] == '\n') {
						out.write(reply);
					}
				}
			}
		}
		catch (IOException ex) {
			// the client left
		}
	}

}
