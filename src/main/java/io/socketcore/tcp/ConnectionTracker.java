package io.socketcore.tcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the connections of one listener and publishes them as meters:
 * {@code socketcore.connections.active}, {@code socketcore.connections} (by close outcome) and
 * {@code socketcore.frames.rejected} (by reason).
 */
public class ConnectionTracker {

	private final AtomicInteger active = new AtomicInteger();

	private final Set<BatchingTcpNetConnection> open = ConcurrentHashMap.newKeySet();

	/** Counters by outcome or reason, looked up once: a connection ends on every request under churn. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final String listener;

	private final MeterRegistry registry;

	public ConnectionTracker(String listener, MeterRegistry registry) {
		this.listener = listener;
		this.registry = registry;
		Gauge.builder("socketcore.connections.active", this.active, AtomicInteger::get)
			.description("TCP connections open now")
			.tag("listener", listener)
			.register(registry);
	}

	/** Connections open now, rejected ones excluded. */
	public int active() {
		return this.active.get();
	}

	void opened(BatchingTcpNetConnection connection) {
		this.open.add(connection);
		this.active.incrementAndGet();
	}

	void closed(BatchingTcpNetConnection connection, String outcome) {
		this.open.remove(connection);
		this.active.decrementAndGet();
		count(outcome);
	}

	List<BatchingTcpNetConnection> openConnections() {
		return List.copyOf(this.open);
	}

	void rejected() {
		count("rejected");
	}

	void frameRejected(String reason) {
		this.counters.computeIfAbsent("frame " + reason, key -> Counter.builder("socketcore.frames.rejected")
			.description("Frames refused before parsing, by reason")
			.tags("listener", this.listener, "reason", reason)
			.register(this.registry)).increment();
	}

	private void count(String outcome) {
		this.counters.computeIfAbsent("connection " + outcome, key -> Counter.builder("socketcore.connections")
			.description("TCP connections accepted, by how they ended")
			.tags("listener", this.listener, "outcome", outcome)
			.register(this.registry)).increment();
	}

}
