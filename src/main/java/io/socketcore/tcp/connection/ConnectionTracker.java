package io.socketcore.tcp.connection;

import java.util.List;
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

	void rejected() {
		this.meters.closed(CloseOutcome.REJECTED);
	}

	void frameRejected(FrameRejection rejection) {
		this.meters.frameRejected(rejection);
	}

}
