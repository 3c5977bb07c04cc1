package io.socketcore.tcp.connection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The open connections of one listener, for those that act on them all (the graceful
 * shutdown, the timeouts) and for the connection limit; what happens to them is counted
 * by its {@link ConnectionMeters}.
 */
public class ConnectionTracker {

	private final AtomicInteger active = new AtomicInteger();

	private final Set<BatchingTcpNetConnection> open = ConcurrentHashMap.newKeySet();

	/**
	 * Open connections by client (an IPv4 address, an IPv6 /64), where a limit per
	 * address applies: an entry per client with a connection open, so never more than the
	 * open connections.
	 */
	private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

	private final ConnectionMeters meters;

	public ConnectionTracker(String listener, MeterRegistry registry) {
		this.meters = new ConnectionMeters(listener, registry, this.active);
	}

	/** Connections open now, rejected ones excluded. */
	public int active() {
		return this.active.get();
	}

	public List<BatchingTcpNetConnection> openConnections() {
		return List.copyOf(this.open);
	}

	void opened(BatchingTcpNetConnection connection) {
		this.open.add(connection);
		this.active.incrementAndGet();
	}

	void closed(BatchingTcpNetConnection connection, CloseOutcome outcome) {
		this.open.remove(connection);
		this.active.decrementAndGet();
		this.meters.closed(outcome);
	}

	/**
	 * Counts one more connection from {@code address} if that keeps it within
	 * {@code limit}; the caller releases it when that connection closes. An IPv6 client
	 * is counted by its /64 network, see {@link #client(InetAddress)}.
	 */
	boolean admit(InetAddress address, int limit) {
		boolean[] admitted = new boolean[1];
		this.byAddress.compute(client(address), (key, count) -> {
			int open = (count != null) ? count : 0;
			admitted[0] = open < limit;
			return admitted[0] ? open + 1 : count;
		});
		return admitted[0];
	}

	void release(InetAddress address) {
		this.byAddress.computeIfPresent(client(address), (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * The client an address stands for: itself for IPv4, its /64 network for IPv6. A host
	 * on an IPv6 network is commonly given a whole /64 (SLAAC, privacy addresses) and may
	 * connect from any of its 2^64 addresses, so counting addresses one by one would not
	 * limit it at all.
	 */
	static InetAddress client(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] network = address.getAddress();
		Arrays.fill(network, 8, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(network);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are an IPv6 address", ex);
		}
	}

	void rejected() {
		this.meters.closed(CloseOutcome.REJECTED);
	}

	void frameRejected(FrameRejection rejection) {
		this.meters.frameRejected(rejection);
	}

}
