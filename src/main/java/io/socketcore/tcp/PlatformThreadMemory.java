package io.socketcore.tcp;

import java.util.List;

/**
 * What connections on platform threads cost outside the heap, and the listeners' limits
 * that the process's memory can hold. Each such connection keeps a thread whose stack and
 * JVM structures are resident outside the heap; a virtual thread's stack lives in the
 * heap instead, within the heap's own limit. A container's limit counts both, and a
 * process over it is killed by the kernel, with every client on it, where a connection
 * over a limit of the service's is only refused.
 */
final class PlatformThreadMemory {

	/**
	 * Resident memory per connection on a platform thread, rounded up from what Java 17
	 * and Java 25 were measured to take (docs/design.md).
	 */
	static final long BYTES_PER_CONNECTION = 128 * 1024;

	/**
	 * Resident memory outside the heap that the process needs without connections: code,
	 * classes, the collector's structures, the JVM's own threads (as measured after
	 * start-up, docs/design.md), and room for the JIT's growth.
	 */
	static final long NON_HEAP_RESERVE = 192L * 1024 * 1024;

	/** The fewest connections, in all, that the limits are ever scaled down to. */
	static final int MIN_CONNECTIONS = 64;

	private PlatformThreadMemory() {
	}

	/**
	 * How many connections on platform threads fit beside the heap in
	 * {@code processMemory} (the container's limit, or the machine's memory).
	 */
	static int connectionsThatFit(long processMemory, long maxHeap) {
		long room = processMemory - maxHeap - NON_HEAP_RESERVE;
		return (int) Math.max(MIN_CONNECTIONS, Math.min(Integer.MAX_VALUE, room / BYTES_PER_CONNECTION));
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
