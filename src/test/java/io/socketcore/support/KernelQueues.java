package io.socketcore.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server's end of a test client's connection as the kernel's own table of TCP sockets
 * shows it: what a client that does not read makes the server's kernel hold.
 */
public final class KernelQueues {

	public static final int SEND_QUEUE = 0;

	public static final int RECEIVE_QUEUE = 1;

	private KernelQueues() {
	}

	/** Skips the test where the kernel has no table to read (not Linux). */
	public static void assumeReadable() {
		assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux's tables of TCP sockets");
	}

	/**
	 * The value once it stops changing: a queue fills as fast as loopback carries it,
	 * then stays full while nobody reads.
	 */
	public static long settled(LongSupplier value) {
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
	 * The server's end of the client's connection to {@code serverPort}: its send queue
	 * (bytes not yet acknowledged by the client) and its receive queue (bytes not yet
	 * read by the server).
	 */
	public static long[] serverSide(int serverPort, Socket client) {
		String remote = String.format(":%04X", client.getLocalPort());
		return sum(serverPort, remote::equals);
	}

	/**
	 * The {@code queue} of every connection the server on {@code serverPort} has, summed.
	 */
	public static long serverSideTotal(int serverPort, int queue) {
		return sum(serverPort, remote -> true)[queue];
	}

	/**
	 * Both queues of the server's ends of connections to {@code serverPort} whose remote
	 * port (as ":XXXX") matches, summed, from /proc/net/tcp6 (a server bound to every
	 * address takes IPv4 clients there too, where the kernel has IPv6) and /proc/net/tcp.
	 */
	private static long[] sum(int serverPort, Predicate<String> remotePort) {
		String server = String.format(":%04X", serverPort);
		long[] queues = new long[2];
		for (Path table : List.of(Path.of("/proc/net/tcp6"), Path.of("/proc/net/tcp"))) {
			if (!Files.isReadable(table)) {
				continue;
			}
			try {
				List<String> lines = Files.readAllLines(table);
				for (String line : lines.subList(1, lines.size())) {
					String[] fields = line.trim().split("\\s+");
					String remote = fields[2].substring(fields[2].lastIndexOf(':'));
					if (fields[1].endsWith(server) && remotePort.test(remote)) {
						String[] sizes = fields[4].split(":");
						queues[SEND_QUEUE] += Long.parseLong(sizes[0], 16);
						queues[RECEIVE_QUEUE] += Long.parseLong(sizes[1], 16);
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return queues;
	}

}
