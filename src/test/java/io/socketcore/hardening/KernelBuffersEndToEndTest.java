package io.socketcore.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.socketcore.support.KernelQueues;
import io.socketcore.support.RunningServerTest;
import io.socketcore.support.WriteUntilClosed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client that does not read can park in the server's kernel is bounded by the
 * socket buffers (socketcore.tcp.send-buffer and receive-buffer, 64KB each by default),
 * where Linux's autotuning would let each connection's queues grow to megabytes, outside
 * the heap and its memory budget but inside a container's limit. Read from the kernel's
 * own table of TCP sockets.
 */
class KernelBuffersEndToEndTest extends RunningServerTest {

	/** Twice the 64KB buffer (the kernel's doubling), and one segment of slack. */
	private static final long QUEUE_BOUND = 2 * 64 * 1024 + 64 * 1024;

	@Test
	void repliesAClientDoesNotReadFillNoMoreThanTheSendBuffer() throws Exception {
		assertThat(settledServerQueue(KernelQueues.SEND_QUEUE, false))
			.as("reply bytes the server's kernel holds for the client")
			.isBetween(1L, QUEUE_BOUND);
	}

	@Test
	void requestsTheServerCannotReadYetFillNoMoreThanTheReceiveBuffer() throws Exception {
		assertThat(settledServerQueue(KernelQueues.RECEIVE_QUEUE, true))
			.as("request bytes the server's kernel holds, unread")
			.isBetween(1L, QUEUE_BOUND);
	}

	/**
	 * A client that sends without reading, until one of the server's queues of its
	 * connection stops growing: that queue's bytes.
	 */
	private long settledServerQueue(int queue, boolean readFastFirst) throws Exception {
		KernelQueues.assumeReadable();
		try (Socket stalled = new Socket()) {
			stalled.setReceiveBufferSize(4096);
			stalled.connect(new InetSocketAddress("127.0.0.1", tcpPort()));
			if (readFastFirst) {
				readFastFirst(stalled);
			}
			CompletableFuture<Void> sending = sendUntilClosed(stalled);
			long held = KernelQueues.settled(() -> KernelQueues.serverSide(tcpPort(), stalled)[queue]);
			stalled.close();
			sending.join();
			return held;
		}
	}

	/**
	 * Megabytes of PINGs whose replies the client reads: a server that reads fast is what
	 * makes the kernel grow a receive buffer it tunes itself.
	 */
	private static void readFastFirst(Socket client) throws Exception {
		byte[] pings = "PING\n".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
		int rounds = 8;
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
			try {
				byte[] buffer = new byte[65536];
				long expected = (long) rounds * 200_000 * "PONG\n".length();
				for (long read = 0; read < expected;) {
					read += client.getInputStream().read(buffer);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		for (int i = 0; i < rounds; i++) {
			client.getOutputStream().write(pings);
		}
		reading.get(30, java.util.concurrent.TimeUnit.SECONDS);
	}

	/**
	 * Writes requests whose replies are megabytes, without reading, until the connection
	 * is closed (by the test or by the server's write timeout).
	 */
	private static CompletableFuture<Void> sendUntilClosed(Socket client) {
		return WriteUntilClosed.start(client,
				("SQUARE " + "123456789 ".repeat(20_000) + "\n").getBytes(StandardCharsets.US_ASCII));
	}

}
