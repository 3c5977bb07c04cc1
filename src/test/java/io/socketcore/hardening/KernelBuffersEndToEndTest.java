package io.socketcore.hardening;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

	private static final int SEND_QUEUE = 0;

	private static final int RECEIVE_QUEUE = 1;

	@Test
	void repliesAClientDoesNotReadFillNoMoreThanTheSendBuffer() throws Exception {
		assertThat(settledServerQueue(SEND_QUEUE, false)).as("reply bytes the server's kernel holds for the client")
			.isBetween(1L, QUEUE_BOUND);
	}

	@Test
	void requestsTheServerCannotReadYetFillNoMoreThanTheReceiveBuffer() throws Exception {
		assertThat(settledServerQueue(RECEIVE_QUEUE, true)).as("request bytes the server's kernel holds, unread")
			.isBetween(1L, QUEUE_BOUND);
	}

	/**
	 * A client that sends without reading, until one of the server's queues of its
	 * connection stops growing: that queue's bytes.
	 */
	private long settledServerQueue(int queue, boolean readFastFirst) throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux's tables of TCP sockets");
		try (Socket stalled = new Socket()) {
			stalled.setReceiveBufferSize(4096);
			stalled.connect(new InetSocketAddress("127.0.0.1", tcpPort()));
			if (readFastFirst) {
				readFastFirst(stalled);
			}
			CompletableFuture<Void> sending = sendUntilClosed(stalled);
			long held = settled(() -> serverSideQueues(stalled)[queue]);
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
		byte[] request = ("SQUARE " + "123456789 ".repeat(20_000) + "\n").getBytes(StandardCharsets.US_ASCII);
		return CompletableFuture.runAsync(() -> {
			try {
				OutputStream out = client.getOutputStream();
				while (true) {
					out.write(request);
				}
			}
			catch (IOException closed) {
				// the end this client waits for
			}
		});
	}

	/**
	 * The value once it stops changing: a queue fills as fast as loopback carries it,
	 * then stays full while nobody reads.
	 */
	private static long settled(LongSupplier value) {
		AtomicLong previous = new AtomicLong(-1);
		AtomicLong unchanged = new AtomicLong();
		Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			long now = value.getAsLong();
			unchanged.set((now > 0 && now == previous.getAndSet(now)) ? unchanged.get() + 1 : 0);
			return unchanged.get() >= 5;
		});
		return previous.get();
	}

	/**
	 * The server's end of the client's connection in /proc/net/tcp6 (the listener binds
	 * every address, IPv4 clients included, where the kernel has IPv6) or /proc/net/tcp:
	 * its send queue (bytes not yet acknowledged by the client) and its receive queue
	 * (bytes not yet read by the server).
	 */
	private long[] serverSideQueues(Socket client) {
		String server = String.format(":%04X", tcpPort());
		String remote = String.format(":%04X", client.getLocalPort());
		for (Path table : List.of(Path.of("/proc/net/tcp6"), Path.of("/proc/net/tcp"))) {
			if (!Files.isReadable(table)) {
				continue;
			}
			try {
				List<String> lines = Files.readAllLines(table);
				for (String line : lines.subList(1, lines.size())) {
					String[] fields = line.trim().split("\\s+");
					if (fields[1].endsWith(server) && fields[2].endsWith(remote)) {
						String[] queues = fields[4].split(":");
						return new long[] { Long.parseLong(queues[0], 16), Long.parseLong(queues[1], 16) };
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return new long[] { 0, 0 };
	}

}
