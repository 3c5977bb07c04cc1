package io.socketcore.tcp;

import java.util.List;

/**
 * What a connection can make the process hold outside the heap, and the listeners' limits
 * that the process's memory can hold. A client that sends without reading its replies
 * fills the kernel's send and receive buffers of its connection; a connection on a
 * platform thread also keeps that thread's stack and JVM structures resident. A
 * container's limit counts all of it beside the heap, and a process over it is killed by
 * the kernel, with every client on it, where a connection over a limit of the service's
 * is only refused.
 */
final class ConnectionMemory {

	/**
	 * Resident memory per connection on a platform thread, rounded up from what Java 17
	 * and Java 25 were measured to take (docs/design.md).
	 */
	static final long PLATFORM_THREAD_BYTES = 128 * 1024;

	/** The kernel's own structures of an open TCP socket, rounded up. */
	static final long SOCKET_BYTES = 4 * 1024;

	/**
	 * Resident memory outside the heap that the process needs without connections: code,
	 * classes, the collector's structures, the JVM's own threads (as measured after
	 * start-up, docs/design.md), and room for the JIT's growth.
	 */
	static final long NON_HEAP_RESERVE = 192L * 1024 * 1024;

	/**
	 * The kernel buffers of each connection to the management server (Actuator's HTTP),
	 * fixed as the listeners' are: its largest reply, the SBOM, is under 200 KB.
	 */
	static final int MANAGEMENT_SOCKET_BUFFER = 64 * 1024;

	/** The fewest connections, in all, that the limits are ever scaled down to. */
	static final int MIN_CONNECTIONS = 64;

	private ConnectionMemory() {
	}

	/**
	 * The most one connection can hold outside the heap. Linux doubles a socket's
	 * SO_SNDBUF and SO_RCVBUF for its bookkeeping, and queues data up to the doubled
	 * values.
	 */
	static long perConnection(boolean virtualThreads, long sendBuffer, long receiveBuffer) {
		return 2 * (sendBuffer + receiveBuffer) + SOCKET_BYTES + (virtualThreads ? 0 : PLATFORM_THREAD_BYTES);
	}

	/**
	 * The most the management server's connections, the connections waiting in its
	 * backlog once it holds its limit (each with a receive buffer the client can fill),
	 * and its request threads (platform threads) can hold outside the heap; nothing is
	 * counted for a limit Tomcat does not have (-1).
	 */
	static long managementServer(int maxConnections, int acceptCount, int maxThreads) {
		return Math.max(0, maxConnections) * perConnection(true, MANAGEMENT_SOCKET_BUFFER, MANAGEMENT_SOCKET_BUFFER)
				+ Math.max(0, acceptCount) * (2L * MANAGEMENT_SOCKET_BUFFER + SOCKET_BYTES)
				+ Math.max(0, maxThreads) * PLATFORM_THREAD_BYTES;
	}

	/**
	 * How many connections of {@code perConnection} bytes fit beside the heap in
	 * {@code processMemory} (the container's limit, or the machine's memory), after what
	 * the management server can hold.
	 */
	static int connectionsThatFit(long processMemory, long maxHeap, long managementServer, long perConnection) {
		long room = processMemory - maxHeap - NON_HEAP_RESERVE - managementServer;
		return (int) Math.max(MIN_CONNECTIONS, Math.min(Integer.MAX_VALUE, room / perConnection));
	}

	/**
	 * The listeners with their limits scaled down together, each in proportion to what it
	 * was given, so that their sum fits in {@code fitting}; the same listeners if it does
	 * already.
	 */
	static List<ListenerSpec> fit(List<ListenerSpec> listeners, int fitting) {
		long configured = total(listeners);
		if (configured <= fitting) {
			return listeners;
		}
		return listeners.stream()
			.map(listener -> listener
				.withMaxConnections((int) Math.max(1, (long) listener.maxConnections() * fitting / configured)))
			.toList();
	}

	static long total(List<ListenerSpec> listeners) {
		return listeners.stream().mapToLong(ListenerSpec::maxConnections).sum();
	}

}
